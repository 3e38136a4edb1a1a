import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { EtlError } from '../errors';

/** Limits on what an archive may unpack to (a zip bomb or a traversal attempt stops here). */
export const ZIP_LIMITS = { entries: 2000, bytes: 2 * 1024 ** 3 };

function open(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) reject(new EtlError(`${path.basename(file)} is not a readable zip archive: ${error?.message ?? 'unknown error'}`));
      else resolve(zip);
    });
  });
}

/** Unpacks a zip into `into`, refusing absolute or `..` entry names and archives beyond the limits. */
export async function unzipSafely(file: string, into: string): Promise<string[]> {
  const zip = await open(file);
  const written: string[] = [];
  let entries = 0;
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(new EtlError(`${path.basename(file)} is a damaged zip archive: ${error.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries += 1;
        bytes += entry.uncompressedSize;
        const name = entry.fileName.replace(/\\/g, '/');
        if (entries > ZIP_LIMITS.entries) return reject(new EtlError(`${path.basename(file)} has more than ${ZIP_LIMITS.entries} entries`));
        if (bytes > ZIP_LIMITS.bytes) return reject(new EtlError(`${path.basename(file)} unpacks to more than ${ZIP_LIMITS.bytes} bytes`));
        if (name.startsWith('/') || /^[a-z]:/i.test(name) || name.split('/').includes('..')) {
          return reject(new EtlError(`${path.basename(file)} has an entry with an unsafe name: ${entry.fileName}`));
        }
        if (name.endsWith('/') || name.startsWith('__MACOSX/')) return zip.readEntry();
        const target = path.join(into, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(new EtlError(`${path.basename(file)}: ${entry.fileName} cannot be read: ${error?.message}`));
          pipeline(stream, fs.createWriteStream(target)).then(() => {
            written.push(target);
            zip.readEntry();
          }, (e: Error) => reject(new EtlError(`${path.basename(file)}: ${entry.fileName} is damaged: ${e.message}`)));
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return written;
}
