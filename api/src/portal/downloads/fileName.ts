import { foldTurkish, turkishLower } from '@kbs/core';
import type { DownloadFormatSpec } from '../formats';

const MAX_STEM = 80;

/**
 * The name a downloaded file is saved under: "Bağcılar", then the Turkish title, the version and the
 * extension, e.g. `bağcılar-mahalle-sınırları-ve-nüfusları-v3.csv`. `ascii` folds the Turkish letters for
 * clients that ignore RFC 5987 (`bagcilar-mahalle-sinirlari-ve-nufuslari-v3.csv`).
 */
export function downloadFileName(title: string, version: number, spec: Pick<DownloadFormatSpec, 'format' | 'extension'>): { utf8: string; ascii: string } {
  const words = turkishLower(title).startsWith('bağcılar') ? title : `Bağcılar ${title}`;
  // Letters and digits of any script stay; everything else separates words.
  let stem = turkishLower(words).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM).replace(/-[^-]*$/, '');
  // Both CSV variants end in .csv: the Excel one says so in its name.
  const suffix = spec.format === 'csv-excel' ? '-excel' : '';
  const utf8 = `${stem}-v${version}${suffix}.${spec.extension}`;
  const ascii = foldTurkish(utf8).replace(/[^a-z0-9.-]+/g, '-').replace(/-{2,}/g, '-');
  return { utf8, ascii };
}

/** `attachment` with both forms of the name (RFC 6266): the ASCII fallback first, then RFC 5987 UTF-8. */
export function contentDisposition(name: { utf8: string; ascii: string }): string {
  const encoded = encodeURIComponent(name.utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}
