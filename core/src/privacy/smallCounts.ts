/**
 * Figures derived from personal data (citizen requests) leave the platform only as counts of at least
 * this many; smaller cells are suppressed (null) so that no one applicant can be singled out.
 */
export const SMALL_COUNT_THRESHOLD = 5;

/**
 * A two-way table of counts with its margins, as published: `null` is a suppressed value.
 * `cells[i][j]` is row i × column j; `rowTotals[i]` the sum of row i; `columnTotals[j]` the sum of
 * column j; `total` the sum of everything.
 */
export interface PublishedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/**
 * The table seen as one (m+1)×(n+1) grid in which the margins are cells too: row m holds the column
 * totals, column n the row totals, (m, n) the grand total. Every row and every column of the grid is a
 * "line": its last entry is the sum of the others. Suppression works on this grid, so margins and the
 * grand total follow the same rules as inner cells.
 */
type Grid = number[][];
type Mask = boolean[][];

function extend(cells: number[][]): Grid {
  const n = cells[0]?.length ?? 0;
  const grid: Grid = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const bottom: number[] = [];
  for (let j = 0; j <= n; j++) bottom.push(grid.reduce((sum, row) => sum + row[j]!, 0));
  grid.push(bottom);
  return grid;
}

/** The entries of every line of the grid: rows first, then columns; each line's total is its last entry. */
function lines(m: number, n: number): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i <= m; i++) out.push(Array.from({ length: n + 1 }, (_, j) => [i, j] as [number, number]));
  for (let j = 0; j <= n; j++) out.push(Array.from({ length: m + 1 }, (_, i) => [i, j] as [number, number]));
  return out;
}

/**
 * Whether the suppressed value at (r, c) could be anything else, given every published value, every
 * line equation and that counts are never negative. With margins as cells the equations say that at
 * each row and column of the grid the signed entries sum to zero, so the tables that agree with what is
 * published differ from the true one by sums of alternating cycles of suppressed cells. (r, c) can move
 * exactly when some such cycle through it can be followed a step without making any count negative:
 * a suppressed 0 may only go up. (Cycles through a cell that is a bridge don't exist: that cell is
 * recoverable by subtraction; cycles that must push a zero below 0 are the "linear programming" attack.)
 */
function canMove(grid: Grid, mask: Mask, r: number, c: number): boolean {
  const m = grid.length - 1;
  const n = grid[0]!.length - 1;
  // Vertices: rows 0..m, then columns as m+1+j. In y = sign·x every vertex sums to zero; a step of a
  // cycle is +1 on an arc row→column and −1 on an arc column→row. sign is −1 on the margins, +1 elsewhere.
  const sign = (i: number, j: number) => ((i === m) !== (j === n) ? -1 : 1);
  const up = (i: number, j: number) => grid[i]![j]! > 0; // a positive count may also go down
  const arcs = (from: number, skip: [number, number]): number[] => {
    const out: number[] = [];
    if (from <= m) {
      for (let j = 0; j <= n; j++) {
        if (!mask[from]![j] || (from === skip[0] && j === skip[1])) continue;
        // row→column is y +1, i.e. x moves by sign: allowed unless it would push a zero down.
        if (sign(from, j) === 1 || up(from, j)) out.push(m + 1 + j);
      }
    } else {
      const j = from - m - 1;
      for (let i = 0; i <= m; i++) {
        if (!mask[i]![j] || (i === skip[0] && j === skip[1])) continue;
        if (sign(i, j) === -1 || up(i, j)) out.push(i);
      }
    }
    return out;
  };
  const reaches = (from: number, to: number): boolean => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length) {
      const v = queue.shift()!;
      if (v === to) return true;
      for (const w of arcs(v, [r, c])) if (!seen.has(w)) seen.add(w), queue.push(w);
    }
    return false;
  };
  const s = sign(r, c);
  const column = m + 1 + c;
  // Arc r→c (x moves by s) then back c⇝r; or arc c→r (x moves by −s) then r⇝c.
  return ((s === 1 || up(r, c)) && reaches(column, r)) || ((s === -1 || up(r, c)) && reaches(r, column));
}

/** The suppressed entries of the grid whose true value follows from what is published (row, column in grid terms). */
function pinned(grid: Grid, mask: Mask): [number, number][] {
  const out: [number, number][] = [];
  grid.forEach((row, i) => row.forEach((_, j) => {
    if (mask[i]![j] && !canMove(grid, mask, i, j)) out.push([i, j]);
  }));
  return out;
}

/**
 * Small-count suppression with secondary suppression, for one two-way table of counts (e.g. the
 * requests of one month, mahalle × category). Publishes every inner cell, row total, column total and
 * the grand total, except:
 * 1. primary: every value below `k` (zeros too) is suppressed;
 * 2. secondary, line by line: a row or column (margins included) never has exactly one suppressed
 *    entry — it could be recovered by subtraction — and when its total is published, its suppressed
 *    entries add up to at least k (so that their sum, which the total gives away, is no small count);
 * 3. secondary, table-wide: no suppressed value may follow from all the equations together, counts
 *    being non-negative (see `canMove`); such a value gets a partner that opens a cycle through it.
 * Secondary cells are chosen among inner cells before margins (the margins are the most used figures,
 * and other interfaces publish district-wide totals), then smallest first (least information lost),
 * then by position, so the result is deterministic. If nothing smaller works, the whole table is
 * suppressed, which is always safe.
 */
export function suppressSmallCounts(cells: number[][], k: number = SMALL_COUNT_THRESHOLD): PublishedTable {
  const m = cells.length;
  const n = cells[0]?.length ?? 0;
  for (const row of cells) {
    if (row.length !== n) throw new Error('every row of the table must have the same number of cells');
    for (const v of row) if (!Number.isInteger(v) || v < 0) throw new Error(`counts are non-negative integers, not ${v}`);
  }
  const grid = extend(cells);
  const mask: Mask = grid.map((row) => row.map((v) => v < k));
  const inner = (i: number, j: number) => i < m && j < n;
  /** Published entries by how little suppressing them costs. */
  const cheapest = (entries: [number, number][]) =>
    entries.filter(([i, j]) => !mask[i]![j]).sort(([a, b], [c, d]) =>
      Number(inner(c, d)) - Number(inner(a, b)) || grid[a]![b]! - grid[c]![d]! || a - c || b - d);

  const allLines = lines(m, n);
  for (let guard = 0; guard <= (m + 1) * (n + 1); guard++) {
    let changed = false;
    for (const line of allLines) {
      const suppressed = line.filter(([i, j]) => mask[i]![j]);
      if (suppressed.length === 0) continue;
      const [ti, tj] = line[line.length - 1]!;
      const exposedSum = mask[ti]![tj] ? Infinity : suppressed.reduce((sum, [i, j]) => sum + grid[i]![j]!, 0);
      if (suppressed.length === 1 || exposedSum < k) {
        const next = cheapest(line)[0];
        if (next) {
          mask[next[0]]![next[1]] = true;
          changed = true;
        }
      }
    }
    if (changed) continue;
    const stuck = pinned(grid, mask)[0];
    if (!stuck) return publish(grid, mask);
    const partner = cheapest(grid.flatMap((row, i) => row.map((_, j) => [i, j] as [number, number]))).find(([i, j]) => {
      mask[i]![j] = true;
      const frees = canMove(grid, mask, stuck[0], stuck[1]);
      mask[i]![j] = false;
      return frees;
    });
    if (!partner) break;
    mask[partner[0]]![partner[1]] = true;
  }
  return publish(grid, grid.map((row) => row.map(() => true)));
}

function publish(grid: Grid, mask: Mask): PublishedTable {
  const m = grid.length - 1;
  const n = grid[0]!.length - 1;
  const value = (i: number, j: number) => (mask[i]![j] ? null : grid[i]![j]!);
  return {
    cells: grid.slice(0, m).map((row, i) => row.slice(0, n).map((_, j) => value(i, j))),
    rowTotals: grid.slice(0, m).map((_, i) => value(i, n)),
    columnTotals: grid[m]!.slice(0, n).map((_, j) => value(m, j)),
    total: value(m, n),
  };
}

/**
 * The suppressed values of a published table that its true values would let anyone recover (empty when
 * the suppression holds). For audits and tests: needs the true counts.
 */
export function recoverableCells(cells: number[][], published: PublishedTable): [row: number, column: number][] {
  const grid = extend(cells);
  const m = cells.length;
  const n = cells[0]?.length ?? 0;
  const at = (i: number, j: number) =>
    i < m && j < n ? published.cells[i]![j] : i < m ? published.rowTotals[i] : j < n ? published.columnTotals[j] : published.total;
  const mask: Mask = grid.map((row, i) => row.map((_, j) => at(i, j) === null));
  return pinned(grid, mask);
}
