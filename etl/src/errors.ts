/** A load that cannot go on: the message names the file, line or feature and the reason. */
export class EtlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtlError';
  }
}

/** A column map that is not well formed, or names a column the file does not have. */
export class ColumnMapError extends EtlError {
  constructor(message: string) {
    super(message);
    this.name = 'ColumnMapError';
  }
}

/** Rows of one load that repeat a key the dataset holds once per version (the first few, and how many keys in all). */
export class DuplicateKeysError extends EtlError {
  constructor(
    readonly datasetId: string,
    readonly keyColumn: string,
    readonly keys: { key: string; rows: number }[],
    readonly total: number,
  ) {
    super(duplicateKeysMessage(keyColumn, keys.map((k) => ({ key: k.key, where: `${k.rows} records` })), total));
    this.name = 'DuplicateKeysError';
  }
}

/** Why a load with repeated keys was refused, e.g. `id "A1" appears on more than one record (line 2, line 4); …`. */
export function duplicateKeysMessage(keyColumn: string, keys: { key: string; where: string }[], total: number): string {
  const head = total === 1 && keys.length === 1 ? `${keyColumn} "${keys[0]!.key}" appears on more than one record (${keys[0]!.where})`
    : `${total} values of ${keyColumn} appear on more than one record, e.g. ${keys.map((k) => `"${k.key}" (${k.where})`).join(', ')}`;
  return `${head}; each ${keyColumn} may appear once in a file, so nothing was loaded`;
}

/** SQLSTATE classes a load can meet, said without the statement or the database's own words. */
const REFUSALS: Record<string, string> = {
  '22': 'a value does not fit its column (a number out of range, an impossible date, a character the database cannot store)',
  '23': 'the rows break a rule of the table (a repeated key or a missing required value)',
  '53': 'the database ran out of a resource (disk or memory)',
  '57': 'the database was shut down or cancelled the load',
  '08': 'the connection to the database was lost',
};

/**
 * What to tell the caller of a load that the database refused for a reason no check caught: the kind
 * of refusal by its SQLSTATE class, never the statement or the message (they name internal tables).
 * The database's own message goes to the run log for operators.
 */
export function databaseRefusal(error: unknown): string {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const reason = REFUSALS[code.slice(0, 2)];
  return reason ? `the database refused the load: ${reason} (SQLSTATE ${code})` : 'an unexpected error stopped the load';
}
