import type { Geometry } from 'geojson';
import { Cql2Error, SPATIAL, TEMPORAL, type Expression, type Operand, type Operation } from './ast';

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; value: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Cql2Error(`unterminated string starting at character ${i + 1}`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") { value += "'"; j += 2; continue; }
          break;
        }
        value += text[j++];
      }
      tokens.push({ kind: 'string', value, at: i });
      i = j + 1;
      continue;
    }
    const number = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number && (c !== '-' || !tokens.length || tokens[tokens.length - 1]!.kind === 'op' || tokens[tokens.length - 1]!.value === '(' || tokens[tokens.length - 1]!.value === ',')) {
      tokens.push({ kind: 'number', value: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|=|<|>)/.exec(text.slice(i));
    if (op) { tokens.push({ kind: 'op', value: op[0], at: i }); i += op[0].length; continue; }
    if ('(),'.includes(c)) { tokens.push({ kind: 'punct', value: c, at: i }); i++; continue; }
    const word = /^("[^"]+"|[A-Za-z_][A-Za-z0-9_.:]*)/.exec(text.slice(i));
    if (word) { tokens.push({ kind: 'word', value: word[0], at: i }); i += word[0].length; continue; }
    throw new Cql2Error(`unexpected character "${c}" at character ${i + 1}`);
  }
  return tokens;
}

const GEOMETRY_WORDS = ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'BBOX'];

/** Recursive descent over CQL2 text: OR of ANDs of optionally negated predicates. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    const e = this.or();
    if (this.i < this.tokens.length) throw new Cql2Error(`unexpected "${this.peek()!.value}" at character ${this.peek()!.at + 1}`);
    return e;
  }

  private peek(offset = 0): Token | undefined { return this.tokens[this.i + offset]; }
  private isWord(value: string, offset = 0): boolean { const t = this.peek(offset); return t?.kind === 'word' && t.value.toUpperCase() === value; }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new Cql2Error('the filter ends too early');
    return t;
  }
  private expect(value: string): void {
    const t = this.next();
    if (t.value.toUpperCase() !== value) throw new Cql2Error(`expected "${value}" at character ${t.at + 1}, found "${t.value}"`);
  }

  private or(): Expression {
    const args: Expression[] = [this.and()];
    while (this.isWord('OR')) { this.i++; args.push(this.and()); }
    return args.length === 1 ? args[0]! : { op: 'or', args: args as Operation[] };
  }

  private and(): Expression {
    const args: Expression[] = [this.not()];
    while (this.isWord('AND')) { this.i++; args.push(this.not()); }
    return args.length === 1 ? args[0]! : { op: 'and', args: args as Operation[] };
  }

  private not(): Expression {
    if (this.isWord('NOT')) { this.i++; return { op: 'not', args: [this.not() as Operation] }; }
    return this.primary();
  }

  private primary(): Expression {
    const t = this.peek();
    if (!t) throw new Cql2Error('the filter ends too early');
    if (t.value === '(') {
      this.i++;
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t.kind === 'word') {
      const upper = t.value.toUpperCase();
      if ((upper === 'TRUE' || upper === 'FALSE') && !this.peek(1)?.kind?.match(/op/)) { this.i++; return upper === 'TRUE'; }
      const fn = upper.toLowerCase();
      if ((SPATIAL as readonly string[]).includes(fn) || fn === 's_dwithin' || (TEMPORAL as readonly string[]).includes(fn)) {
        this.i++;
        this.expect('(');
        const args: Operand[] = [this.operand(), (this.expect(','), this.operand())];
        if (fn === 's_dwithin') {
          this.expect(',');
          args.push(this.operand());
          if (this.peek()?.value === ',') { this.i++; this.next(); } // a unit word; distances are metres
        }
        this.expect(')');
        return { op: fn, args };
      }
    }
    return this.predicate();
  }

  private predicate(): Operation {
    const left = this.operand();
    const t = this.peek();
    if (t?.kind === 'op') {
      this.i++;
      return { op: t.value, args: [left, this.operand()] };
    }
    const negated = this.isWord('NOT') && ['LIKE', 'BETWEEN', 'IN'].some((w) => this.isWord(w, 1));
    if (negated) this.i++;
    let operation: Operation;
    if (this.isWord('LIKE')) {
      this.i++;
      operation = { op: 'like', args: [left, this.operand()] };
    } else if (this.isWord('BETWEEN')) {
      this.i++;
      const low = this.operand();
      this.expect('AND');
      operation = { op: 'between', args: [left, low, this.operand()] };
    } else if (this.isWord('IN')) {
      this.i++;
      this.expect('(');
      const list: Operand[] = [this.operand()];
      while (this.peek()?.value === ',') { this.i++; list.push(this.operand()); }
      this.expect(')');
      operation = { op: 'in', args: [left, list] };
    } else if (this.isWord('IS')) {
      this.i++;
      const not = this.isWord('NOT');
      if (not) this.i++;
      this.expect('NULL');
      const isNull: Operation = { op: 'isNull', args: [left] };
      return not ? { op: 'not', args: [isNull] } : isNull;
    } else {
      throw new Cql2Error(t ? `expected a comparison after "${JSON.stringify(left)}" at character ${t.at + 1}` : 'the filter ends too early');
    }
    return negated ? { op: 'not', args: [operation] } : operation;
  }

  private operand(): Operand {
    const t = this.next();
    if (t.kind === 'string') return t.value;
    if (t.kind === 'number') return Number(t.value);
    if (t.kind !== 'word') throw new Cql2Error(`unexpected "${t.value}" at character ${t.at + 1}`);
    const upper = t.value.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
    if ((upper === 'TIMESTAMP' || upper === 'DATE') && this.peek()?.value === '(') {
      this.i++;
      const value = this.next();
      if (value.kind !== 'string') throw new Cql2Error(`${upper} needs a quoted value at character ${value.at + 1}`);
      this.expect(')');
      return upper === 'TIMESTAMP' ? { timestamp: value.value } : { date: value.value };
    }
    if (GEOMETRY_WORDS.includes(upper) && this.peek()?.value === '(') return this.geometry(upper);
    return { property: t.value.replace(/^"|"$/g, '') };
  }

  private numbersUntilClose(): number[][] {
    // A list of positions "x y, x y, …" up to the closing parenthesis.
    const positions: number[][] = [];
    let current: number[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'number') current.push(Number(t.value));
      else if (t.value === ',') { positions.push(current); current = []; }
      else if (t.value === ')') { positions.push(current); break; }
      else throw new Cql2Error(`unexpected "${t.value}" in a geometry at character ${t.at + 1}`);
    }
    for (const p of positions) if (p.length < 2 || p.length > 3) throw new Cql2Error('a geometry position must have two (or three) numbers');
    return positions;
  }

  private rings(): number[][][] {
    this.expect('(');
    const rings: number[][][] = [];
    for (;;) {
      this.expect('(');
      rings.push(this.numbersUntilClose());
      const t = this.next();
      if (t.value === ')') return rings;
      if (t.value !== ',') throw new Cql2Error(`unexpected "${t.value}" in a geometry at character ${t.at + 1}`);
    }
  }

  private geometry(kind: string): Operand {
    switch (kind) {
      case 'POINT': { this.expect('('); const [p] = this.numbersUntilClose(); return { type: 'Point', coordinates: p! } as Geometry; }
      case 'LINESTRING': { this.expect('('); return { type: 'LineString', coordinates: this.numbersUntilClose() } as Geometry; }
      case 'MULTIPOINT': { this.expect('('); return { type: 'MultiPoint', coordinates: this.numbersUntilClose() } as Geometry; }
      case 'POLYGON': return { type: 'Polygon', coordinates: this.rings() } as Geometry;
      case 'MULTILINESTRING': return { type: 'MultiLineString', coordinates: this.rings() } as Geometry;
      case 'MULTIPOLYGON': {
        this.expect('(');
        const polygons: number[][][][] = [];
        for (;;) {
          polygons.push(this.rings());
          const t = this.next();
          if (t.value === ')') return { type: 'MultiPolygon', coordinates: polygons } as Geometry;
          if (t.value !== ',') throw new Cql2Error(`unexpected "${t.value}" in a geometry at character ${t.at + 1}`);
        }
      }
      default: { // BBOX(minx, miny, maxx, maxy)
        this.expect('(');
        const values: number[] = [];
        for (;;) {
          const t = this.next();
          if (t.kind === 'number') values.push(Number(t.value));
          else if (t.value === ')') break;
          else if (t.value !== ',') throw new Cql2Error(`unexpected "${t.value}" in BBOX at character ${t.at + 1}`);
        }
        if (values.length !== 4 && values.length !== 6) throw new Cql2Error('BBOX needs four (or six) numbers');
        return { bbox: values };
      }
    }
  }
}

export function parseCql2Text(text: string): Expression {
  if (text.trim() === '') throw new Cql2Error('the filter is empty');
  return new Parser(tokenize(text)).parse();
}
