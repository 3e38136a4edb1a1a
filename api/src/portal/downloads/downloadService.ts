import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { notFound, visibleColumns, type Dataset, type PrivacyClass } from '@kbs/core';
import type { DownloadFormatSpec } from '../formats';
import { columnExtents, keptVersions, streamDownloadRows, type DownloadSource, type KeptVersion } from './downloadQuery';
import { downloadFileName } from './fileName';
import { FileCache, type CachedFile, type CacheKey, type Production } from './fileCache';
import { WRITERS } from './writers';
import type { DownloadTable, RowSource } from './writers/types';

/** Bump when a writer's output changes, so that files made by the old code are not served again. */
const WRITER_REVISION = 2;
/** Versions up to this many rows get their files made when a listing asks for their figures. */
const MADE_ON_LISTING = 50_000;

export interface PreparedDownload {
  spec: DownloadFormatSpec;
  version: KeptVersion;
  name: { utf8: string; ascii: string };
  key: CacheKey;
  source: DownloadSource;
  table: DownloadTable;
}

export interface FileFigures {
  size: number;
  sha256: string;
}

/**
 * Downloads of a dataset's kept versions in the caller's columns, through the file cache: the one
 * place that knows which file answers a request and how it is made.
 */
export class DownloadService {
  private readonly cache: FileCache;
  private warming: Promise<unknown> = Promise.resolve();
  private readonly queued = new Set<string>();

  constructor(private readonly knex: Knex, dir: string) {
    this.cache = new FileCache(dir);
  }

  /** The requested kept version, or the current one. */
  async version(dataset: Dataset, requested?: number): Promise<KeptVersion> {
    const kept = await keptVersions(this.knex, dataset.id);
    if (requested === undefined) {
      const current = kept.find((v) => v.current);
      if (!current) throw notFound(`Dataset "${dataset.id}" has no data yet`, 'id');
      return current;
    }
    const found = kept.find((v) => v.version === requested);
    if (!found) throw notFound(`Dataset "${dataset.id}" keeps no version ${requested}; kept: ${kept.map((v) => v.version).join(', ') || 'none'}`, 'version');
    return found;
  }

  prepare(dataset: Dataset, version: KeptVersion, clearance: PrivacyClass, spec: DownloadFormatSpec): PreparedDownload {
    const columns = visibleColumns(dataset, clearance);
    const name = downloadFileName(dataset.titleTr, version.version, spec);
    // Everything that shapes the bytes: a reclassified column or a new title gives a new file.
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([WRITER_REVISION, clearance, dataset.publicRowFilter ?? null, columns, dataset.titleTr, dataset.descriptionTr, dataset.geometryType, dataset.idColumn, version.createdAt.toISOString()]))
      .digest('hex')
      .slice(0, 16);
    return {
      spec,
      version,
      name,
      key: { group: dataset.id, name: `v${version.version}-${clearance}-${fingerprint}-${spec.format}.${spec.extension}` },
      source: { dataset, version: version.version, columns, clearance },
      table: {
        dataset,
        version: version.version,
        columns,
        layerName: dataset.id,
        fileStem: name.ascii.replace(/\.[^.]+$/, ''),
        rowCount: version.rowCount,
        timestamp: version.createdAt,
      },
    };
  }

  /** The finished file, if this instance has made it. */
  cached(download: PreparedDownload): Promise<CachedFile | null> {
    return this.cache.find(download.key);
  }

  /**
   * Size and sha256 of the file a download would return. Small versions get their files made now; a
   * large one's is made in the background, one at a time, and null until then.
   */
  async figures(download: PreparedDownload): Promise<FileFigures | null> {
    const cached = await this.cache.find(download.key);
    if (cached) return { size: cached.size, sha256: cached.sha256 };
    if ((download.version.rowCount ?? Infinity) <= MADE_ON_LISTING) {
      const made = await this.produce(download).done;
      return { size: made.size, sha256: made.sha256 };
    }
    const id = `${download.key.group}/${download.key.name}`;
    if (!this.queued.has(id)) {
      this.queued.add(id);
      this.warming = this.warming.then(async () => (await this.cached(download)) ?? this.produce(download).done).catch(() => undefined).finally(() => this.queued.delete(id));
    }
    return null;
  }

  /** The production that makes the file (the running one if there is one); follow it to stream the bytes. */
  produce(download: PreparedDownload): Production {
    const { knex, cache } = this;
    const rows: RowSource = {
      rows: (encoding) => streamDownloadRows(knex, download.source, encoding),
      extents: () => columnExtents(knex, download.source),
    };
    const production = cache.produce(download.key, async (out) => {
      const scratch = await cache.scratch();
      try {
        await WRITERS[download.spec.format].write(download.table, rows, out, scratch);
      } finally {
        await fs.rm(scratch, { recursive: true, force: true });
      }
    });
    // Files of versions no longer kept go once a new file of the dataset is made.
    production.done
      .then(async () => {
        const kept = new Set((await keptVersions(knex, download.source.dataset.id)).map((v) => `v${v.version}`));
        await cache.prune(download.key.group, (name) => kept.has(name.split('-')[0]!));
      })
      .catch(() => undefined);
    return production;
  }
}

/** The folder of the download files under the data folder. */
export function downloadsDir(dataDir: string): string {
  return path.join(dataDir, 'downloads');
}
