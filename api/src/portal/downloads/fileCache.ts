import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';

/**
 * Generated download files on disk, one per key (dataset, version, clearance, columns, format): written
 * once, under a temporary name, hashed on the way, then renamed into place, so that a file with its
 * final name is always whole and its size and sha256 are those of the bytes served. Nothing here is
 * shared between API instances: a miss just means the file is made again.
 *
 * A file is produced at the database's pace, not the client's: requests follow the growing file, so a
 * slow client never holds a database connection (the embedded engine has only one), and requests for
 * the same file while it is being made share one production.
 */

export interface CachedFile {
  path: string;
  size: number;
  sha256: string;
}

export interface CacheKey {
  /** A folder per dataset, so that a dataset's old files can be pruned together. */
  group: string;
  /** The file's name inside it. */
  name: string;
}

const read = promisify(fs.read);
const FOLLOW_CHUNK = 256 * 1024;

function writeAll(fd: number, chunk: Buffer, callback: (error: Error | null) => void): void {
  fs.write(fd, chunk, 0, chunk.length, null, (error, written) => {
    if (error) callback(error);
    else if (written < chunk.length) writeAll(fd, chunk.subarray(written), callback);
    else callback(null);
  });
}

/** A file being written; `follow()` streams its bytes as they land, to the end. */
export class Production {
  private written = 0;
  private state: 'running' | 'done' | 'failed' = 'running';
  private failure: unknown = null;
  private readonly events = new EventEmitter().setMaxListeners(0);
  readonly done: Promise<CachedFile>;

  constructor(private readonly tempPath: string, private readonly finalPath: string, metaPath: string, write: (out: Writable) => Promise<void>) {
    const fd = fs.openSync(tempPath, 'wx');
    const hash = createHash('sha256');
    const sink = new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _encoding, callback) => {
        hash.update(chunk);
        writeAll(fd, chunk, (error) => {
          if (!error) {
            this.written += chunk.length;
            this.events.emit('progress');
          }
          callback(error);
        });
      },
    });
    this.done = (async () => {
      try {
        await write(sink);
        sink.end();
        await finished(sink);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        const entry = { size: this.written, sha256: hash.digest('hex') };
        // The figures first, then the file: a file under its final name always has its figures.
        const metaTemp = `${tempPath}.json`;
        fs.writeFileSync(metaTemp, JSON.stringify(entry));
        fs.renameSync(metaTemp, metaPath);
        fs.renameSync(tempPath, finalPath);
        this.state = 'done';
        return { path: finalPath, ...entry };
      } catch (error) {
        this.state = 'failed';
        this.failure = error;
        sink.destroy();
        try {
          fs.closeSync(fd);
        } catch {
          // closed already
        }
        fs.rmSync(tempPath, { force: true });
        throw error;
      } finally {
        this.events.emit('progress');
      }
    })();
    // Followers and the cache see a failure; nobody need await `done` for it not to go unhandled.
    this.done.catch(() => undefined);
  }

  follow(): Readable {
    // Opened now, synchronously: the temporary name is renamed only once `state` says done.
    const fd = fs.openSync(this.state === 'done' ? this.finalPath : this.tempPath, 'r');
    const production = this;
    async function* bytes(): AsyncGenerator<Buffer> {
      let position = 0;
      try {
        for (;;) {
          if (position < production.written) {
            const buffer = Buffer.allocUnsafe(Math.min(FOLLOW_CHUNK, production.written - position));
            const { bytesRead } = await read(fd, buffer, 0, buffer.length, position);
            position += bytesRead;
            yield buffer.subarray(0, bytesRead);
          } else if (production.state === 'done') {
            return;
          } else if (production.state === 'failed') {
            throw new Error('the download file could not be made', { cause: production.failure });
          } else {
            await once(production.events, 'progress');
          }
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    return Readable.from(bytes(), { objectMode: false });
  }
}

export class FileCache {
  private readonly productions = new Map<string, Production>();

  constructor(readonly dir: string) {}

  private paths(key: CacheKey) {
    const folder = path.join(this.dir, key.group);
    return { folder, file: path.join(folder, key.name), meta: path.join(folder, `${key.name}.json`) };
  }

  /** The finished file of a key, if this instance has made it. */
  async find(key: CacheKey): Promise<CachedFile | null> {
    const { file, meta } = this.paths(key);
    try {
      const [stat, text] = await Promise.all([fs.promises.stat(file), fs.promises.readFile(meta, 'utf8')]);
      const entry = JSON.parse(text) as { size: number; sha256: string };
      return stat.size === entry.size ? { path: file, ...entry } : null;
    } catch {
      return null;
    }
  }

  /** The production of a key: the one under way, or a new one running `write`. */
  produce(key: CacheKey, write: (out: Writable) => Promise<void>): Production {
    const id = `${key.group}/${key.name}`;
    const running = this.productions.get(id);
    if (running) return running;
    const { folder, file, meta } = this.paths(key);
    fs.mkdirSync(folder, { recursive: true });
    const production = new Production(path.join(folder, `.tmp-${randomBytes(8).toString('hex')}`), file, meta, write);
    this.productions.set(id, production);
    const forget = () => this.productions.delete(id);
    production.done.then(forget, forget);
    return production;
  }

  /** A private scratch folder for a writer that needs files of its own (removed by the caller). */
  async scratch(): Promise<string> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    return fs.promises.mkdtemp(path.join(this.dir, '.scratch-'));
  }

  /**
   * Removes a group's files that `keep` rejects (files of versions no longer kept, say), and temporary
   * files a stopped process left behind (older than a day: no production runs that long).
   */
  async prune(group: string, keep: (name: string) => boolean): Promise<void> {
    const { folder } = this.paths({ group, name: '' });
    const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
    const dayAgo = Date.now() - 86_400_000;
    await Promise.all(names.map(async (name) => {
      const file = path.join(folder, name);
      const stale = name.startsWith('.tmp-')
        ? ((await fs.promises.stat(file).catch(() => null))?.mtimeMs ?? Infinity) < dayAgo
        : !keep(name.replace(/\.json$/, ''));
      if (stale) await fs.promises.rm(file, { force: true });
    }));
  }
}
