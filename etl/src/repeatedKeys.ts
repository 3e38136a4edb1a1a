import { duplicateKeysMessage } from './errors';
import type { Pipeline } from './pipelines/types';
import type { ReadOptions } from './readers/types';

/** A key on more than one record of a file: its first positions, and on how many records it is. */
export interface RepeatedKey {
  key: string;
  positions: string[];
  records: number;
}

const POSITIONS_PER_KEY = 3;
const EXAMPLES = 5;

/**
 * Reads a file again through its pipeline and returns the keys `wanted` picks that are on more than
 * one record of `datasetId`'s rows, in the order they first appear. Only what `wanted` picks is held.
 */
export async function repeatedKeysInFile(
  pipeline: Pipeline<unknown>,
  source: string,
  readOptions: ReadOptions,
  state: unknown,
  target: { datasetId: string; keyColumn: string },
  wanted: (key: string) => boolean,
): Promise<RepeatedKey[]> {
  const found = new Map<string, RepeatedKey>();
  for await (const batch of pipeline.read(source, readOptions)) for (const record of batch) {
    if (record.error) continue;
    const result = pipeline.transform(record, state);
    if ('reject' in result) continue;
    for (const row of result.rows[target.datasetId] ?? []) {
      const value = row[target.keyColumn];
      if (value === null || value === undefined || !wanted(String(value))) continue;
      const key = String(value);
      let repeated = found.get(key);
      if (!repeated) found.set(key, (repeated = { key, positions: [], records: 0 }));
      repeated.records += 1;
      if (repeated.positions.length < POSITIONS_PER_KEY) repeated.positions.push(record.position);
    }
  }
  return [...found.values()].filter((k) => k.records > 1);
}

/** The refusal of a file whose keys repeat: the first few with their positions, and how many in all. */
export function repeatedKeysMessage(keyColumn: string, repeated: RepeatedKey[], total = repeated.length): string {
  return duplicateKeysMessage(keyColumn, repeated.slice(0, EXAMPLES).map((k) => ({
    key: k.key,
    where: `${k.positions.join(', ')}${k.records > k.positions.length ? ` and ${k.records - k.positions.length} more` : ''}`,
  })), total);
}

/** A 53-bit hash of a key (two 32-bit FNV-1a runs): equal keys hash equal, and different ones almost never do. */
export function keyHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x2f1c8f3b;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/**
 * The hashes of every key of a file, eight bytes a record instead of the keys themselves: validating a
 * file finds the keys that may repeat without holding a million strings. A repeated hash is only a
 * candidate; `repeatedKeysInFile` confirms it on the keys.
 */
export class KeyHashes {
  private hashes = new Float64Array(1024);
  private count = 0;

  add(key: string): void {
    if (this.count === this.hashes.length) {
      const grown = new Float64Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.count++] = keyHash(key);
  }

  /** The hashes added more than once. */
  repeated(): Set<number> {
    const sorted = this.hashes.slice(0, this.count).sort();
    const repeated = new Set<number>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
    return repeated;
  }
}
