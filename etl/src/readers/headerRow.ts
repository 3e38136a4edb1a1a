/** How many one-value rows a table may open with above its header: a title, a subtitle, a date line… */
const TITLE_ROWS = 10;

/** Whether a cell holds something: not empty, not only spaces. */
export const isValue = (cell: unknown) => cell !== null && cell !== undefined && String(cell).trim() !== '';

/** What a table's first rows turned out to be. */
export interface HeaderFound<T> {
  header: T;
  /** One-value rows above the header, skipped. */
  titles: T[];
  /** Rows held while looking that are records (a one-column table). */
  records: T[];
}

/**
 * Finds a table's header among its first non-empty rows: the first with two or more values. Rows above
 * it with one value are titles ("BAĞCILAR BELEDİYESİ PARK LİSTESİ"); a table whose first rows all hold
 * one value is a one-column table, its first row the header.
 */
export class HeaderRowFinder<T> {
  private held: T[] = [];

  constructor(private readonly cellsOf: (row: T) => readonly unknown[]) {}

  /** A non-empty row before the header is known: what was found, or null while still looking. */
  offer(row: T): HeaderFound<T> | null {
    if (this.cellsOf(row).filter(isValue).length >= 2) {
      const titles = this.held;
      this.held = [];
      return { header: row, titles, records: [] };
    }
    this.held.push(row);
    return this.held.length === TITLE_ROWS ? this.end() : null;
  }

  /** At the end of the table, or of looking: the held rows as a one-column table. */
  end(): HeaderFound<T> | null {
    const [header, ...records] = this.held;
    this.held = [];
    return header === undefined ? null : { header, titles: [], records };
  }
}

/** The note on the first record below skipped title rows. */
export function titleNote(position: string, cells: readonly unknown[]): string {
  return `title row skipped (${position}: "${String(cells.find(isValue)).slice(0, 60)}")`;
}
