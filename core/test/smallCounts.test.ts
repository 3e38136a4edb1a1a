import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoverableCells, suppressSmallCounts, SMALL_COUNT_THRESHOLD, type PublishedTable } from '../src/privacy/smallCounts';

const K = SMALL_COUNT_THRESHOLD;

/** Primary suppression only (what a naive publisher does): for showing what goes wrong without the rest. */
function primaryOnly(cells: number[][]): PublishedTable {
  const keep = (v: number) => (v < K ? null : v);
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = cells[0]!.map((_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  return {
    cells: cells.map((r) => r.map(keep)),
    rowTotals: rowTotals.map(keep),
    columnTotals: columnTotals.map(keep),
    total: keep(rowTotals.reduce((a, b) => a + b, 0)),
  };
}

/**
 * Which suppressed inner cells take the same value in every table of non-negative integers (inner cells
 * up to `bound`) that agrees with what is published: brute force, row by row (a published row total
 * prunes), independent of the cycle reasoning in the implementation. A bound above the largest true
 * value leaves room for every ±1 alternative, so a too-small bound can only raise a false alarm.
 */
function bruteForceRecoverable(cells: number[][], published: PublishedTable, bound: number): string[] {
  const m = published.cells.length;
  const n = published.cells[0]!.length;
  const table = published.cells.map((r) => r.map((v) => v ?? 0));
  const seen = published.cells.map((r) => r.map(() => new Set<number>()));
  const complete = () => {
    const cols = table[0]!.map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
    const total = cols.reduce((a, b) => a + b, 0);
    if (cols.some((v, j) => published.columnTotals[j] !== null && published.columnTotals[j] !== v)) return;
    if (published.total !== null && published.total !== total) return;
    table.forEach((r, i) => r.forEach((v, j) => seen[i]![j]!.add(v)));
  };
  const walk = (i: number, j: number): void => {
    if (j === n) {
      const sum = table[i]!.reduce((a, b) => a + b, 0);
      if (published.rowTotals[i] !== null && published.rowTotals[i] !== sum) return;
      return i + 1 === m ? complete() : walk(i + 1, 0);
    }
    if (published.cells[i]![j] !== null) return walk(i, j + 1);
    for (let v = 0; v <= bound; v++) {
      table[i]![j] = v;
      walk(i, j + 1);
    }
  };
  walk(0, 0);
  const out: string[] = [];
  published.cells.forEach((r, i) => r.forEach((v, j) => {
    if (v === null && seen[i]![j]!.size === 1) out.push(`${i},${j}=${cells[i]![j]}`);
  }));
  return out;
}

function publishedAreTrue(table: PublishedTable, cells: number[][]): void {
  // Whatever is published is the true value.
  table.cells.forEach((r, i) => r.forEach((v, j) => v !== null && expect(v).toBe(cells[i]![j])));
}

describe('small-count suppression', () => {
  it('the classic case: one small cell recoverable from its row total is protected by a second cell in each line', () => {
    const cells = [
      [3, 10, 12],
      [8, 9, 7],
    ];
    // Primary suppression alone: 3 = 25 − 10 − 12.
    expect(recoverableCells(cells, primaryOnly(cells))).toEqual([[0, 0]]);
    expect(bruteForceRecoverable(cells, primaryOnly(cells), 13)).toEqual(['0,0=3']);

    const published = suppressSmallCounts(cells);
    expect(published).toEqual({
      // Row 0 needs a partner for 3 (the smallest published: 10), column 0 one for 3 (8), then column 1 one for 10 (9).
      cells: [
        [null, null, 12],
        [null, null, 7],
      ],
      rowTotals: [25, 24],
      columnTotals: [11, 19, 19],
      total: 49,
    });
    expect(recoverableCells(cells, published)).toEqual([]);
    expect(bruteForceRecoverable(cells, published, 13)).toEqual([]);
  });

  it('a small margin is suppressed with its whole line, and a partner margin is found for it', () => {
    const cells = [
      [1, 2, 1],
      [20, 30, 40],
      [25, 35, 45],
    ];
    const published = suppressSmallCounts(cells);
    // Row 0 totals 4 < 5: the total and all its cells go; the column of row totals then needs a second entry.
    expect(published.rowTotals[0]).toBeNull();
    expect(published.cells[0]).toEqual([null, null, null]);
    expect(published.rowTotals.filter((v) => v === null).length + (published.total === null ? 1 : 0)).toBeGreaterThanOrEqual(2);
    expect(recoverableCells(cells, published)).toEqual([]);
    publishedAreTrue(published, cells);
  });

  it('a table with nothing small publishes everything', () => {
    const cells = [
      [5, 6],
      [7, 8],
    ];
    expect(suppressSmallCounts(cells)).toEqual({ cells, rowTotals: [11, 15], columnTotals: [12, 14], total: 26 });
  });

  it('zeros are small counts too, and a suppressed zero that could only go down gets a partner (the non-negativity attack)', () => {
    // With 0 and 0 in one row and 6, 6 below them, the cycle through the four cells would have to push
    // a zero below 0 in one direction and the other zero in the other: every value would be pinned.
    const cells = [
      [0, 0, 9],
      [6, 6, 9],
    ];
    const published = suppressSmallCounts(cells);
    expect(recoverableCells(cells, published)).toEqual([]);
    expect(bruteForceRecoverable(cells, published, 10)).toEqual([]);
  });

  it('regression: line rules alone leave zeros that non-negativity pins; the table-wide audit suppresses more', () => {
    const cells = [
      [8, 1, 7],
      [4, 0, 0],
      [1, 0, 0],
    ];
    // What primary suppression plus the line rules publish (every line has 0 or ≥ 2 suppressed entries,
    // suppressed entries under a published total sum to ≥ 5). Yet: row 0 gives x01 + x02 = 8, column 0
    // gives x10 + x20 = 5, and the total 21 = 16 + 5 + (the four inner cells of rows 1–2, columns 1–2),
    // so those four are 0 in every table that agrees — counts cannot be negative.
    const lineRulesOnly: PublishedTable = {
      cells: [[8, null, null], [null, null, null], [null, null, null]],
      rowTotals: [16, null, null],
      columnTotals: [13, null, null],
      total: 21,
    };
    expect(recoverableCells(cells, lineRulesOnly)).toEqual([[1, 1], [1, 2], [2, 1], [2, 2]]);
    const published = suppressSmallCounts(cells);
    expect(published.cells[0]![0]).toBeNull();
    expect(recoverableCells(cells, published)).toEqual([]);
  });

  it('an all-zero table is suppressed whole and stays unrecoverable', () => {
    const cells = [
      [0, 0],
      [0, 0],
    ];
    const published = suppressSmallCounts(cells);
    expect(published).toEqual({ cells: [[null, null], [null, null]], rowTotals: [null, null], columnTotals: [null, null], total: null });
    expect(recoverableCells(cells, published)).toEqual([]);
  });

  it('refuses what is no table of counts', () => {
    expect(() => suppressSmallCounts([[1, 2], [3]])).toThrow(/same number of cells/);
    expect(() => suppressSmallCounts([[1, -2]])).toThrow(/non-negative integers/);
    expect(() => suppressSmallCounts([[1.5]])).toThrow(/non-negative integers/);
  });

  it('random tables: nothing published below k, every line with a suppressed entry has two, no suppressed value recoverable (brute force)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 2 })),
        (cells) => {
          const published = suppressSmallCounts(cells);
          const values = [...published.cells.flat(), ...published.rowTotals, ...published.columnTotals, published.total];
          for (const v of values) if (v !== null) expect(v).toBeGreaterThanOrEqual(K);
          publishedAreTrue(published, cells);
          const grid = [...published.cells.map((r, i) => [...r, published.rowTotals[i]!]), [...published.columnTotals, published.total]];
          const allLines = [...grid, ...grid[0]!.map((_, j) => grid.map((r) => r[j]!))];
          for (const line of allLines) expect(line.filter((v) => v === null).length).not.toBe(1);
          expect(recoverableCells(cells, published)).toEqual([]);
          expect(bruteForceRecoverable(cells, published, Math.max(...cells.flat()) + 1)).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 20240601 },
    );
  });
});
