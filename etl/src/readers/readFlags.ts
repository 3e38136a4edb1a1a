import { parseColumnMap } from './columnMap';
import type { ReadOptions } from './types';

/** The read options a load takes as text: on the command line and in the upload form alike. */
export interface ReadFlags {
  encoding?: 'utf-8' | 'windows-1254' | 'iso-8859-9';
  /** A delimiter character, or "tab". */
  delimiter?: string;
  /** Column names, comma-separated, for a file without a header row. */
  columns?: string;
  /** A column map (`parseColumnMap`). */
  map?: string;
}

/** Read options from their text flags; a malformed map throws ColumnMapError. */
export function readOptionsFromFlags(flags: ReadFlags): Pick<ReadOptions, 'encoding' | 'delimiter' | 'columns' | 'columnMap'> {
  return {
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(flags.delimiter ? { delimiter: flags.delimiter === 'tab' ? '\t' : flags.delimiter } : {}),
    ...(flags.columns ? { columns: flags.columns.split(',').map((c) => c.trim()) } : {}),
    ...(flags.map !== undefined ? { columnMap: parseColumnMap(flags.map) } : {}),
  };
}
