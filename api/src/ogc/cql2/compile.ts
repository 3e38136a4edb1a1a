import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, SQL_TYPE, type ColumnDefinition } from '@kbs/core';
import { COMPARISON, Cql2Error, SPATIAL, TEMPORAL, type Expression } from './ast';

export interface FilterContext {
  /** The queryable columns (visible to the caller), by name. */
  columns: Map<string, ColumnDefinition>;
  hasGeometry: boolean;
}

export interface CompiledFilter {
  sql: string;
  bindings: Knex.RawBinding[];
}

const SPATIAL_SQL: Record<(typeof SPATIAL)[number], string> = {
  s_intersects: 'ST_Intersects', s_equals: 'ST_Equals', s_disjoint: 'ST_Disjoint', s_touches: 'ST_Touches',
  s_within: 'ST_Within', s_overlaps: 'ST_Overlaps', s_crosses: 'ST_Crosses', s_contains: 'ST_Contains',
};
const TEMPORAL_SQL: Record<(typeof TEMPORAL)[number], string> = { t_before: '<', t_after: '>', t_intersects: '=', t_equals: '=' };
const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];
const MAX_NODES = 500;

type Value = { sql: string; bindings: Knex.RawBinding[]; column?: ColumnDefinition; kind: 'column' | 'literal' | 'geometry'; literal?: unknown };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkPositions(value: unknown, depth: number): void {
  if (!Array.isArray(value)) throw new Cql2Error('geometry coordinates must be arrays');
  if (depth === 0) {
    if (value.length < 2 || value.length > 3 || value.some((n) => typeof n !== 'number' || !Number.isFinite(n))) throw new Cql2Error('a position must be two or three numbers');
    if (Math.abs(value[0] as number) > 180 || Math.abs(value[1] as number) > 90) throw new Cql2Error('a position is outside longitude/latitude range (filter-crs is CRS84)');
    return;
  }
  if (value.length === 0) throw new Cql2Error('a geometry has an empty part');
  value.forEach((v) => checkPositions(v, depth - 1));
}

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Compiles a CQL2 expression to a parameterised SQL condition over catalog columns only. */
export function compileFilter(expression: unknown, context: FilterContext): CompiledFilter {
  let nodes = 0;

  function value(operand: unknown): Value {
    if (++nodes > MAX_NODES) throw new Cql2Error(`the filter has more than ${MAX_NODES} parts`);
    if (typeof operand === 'string' || typeof operand === 'number' || typeof operand === 'boolean') {
      if (typeof operand === 'number' && !Number.isFinite(operand)) throw new Cql2Error('numbers must be finite');
      return { sql: '?', bindings: [operand], kind: 'literal', literal: operand };
    }
    if (!isObject(operand)) throw new Cql2Error(`"${JSON.stringify(operand)}" is not a property, literal or geometry`);
    if (typeof operand.property === 'string') {
      const name = operand.property;
      if ((name === GEOMETRY_COLUMN || name === 'geometry') && context.hasGeometry) return { sql: GEOMETRY_COLUMN, bindings: [], kind: 'geometry' };
      const column = context.columns.get(name);
      if (!column) throw new Cql2Error(`"${name}" is not a queryable of this collection`);
      return { sql: '??', bindings: [name], column, kind: 'column' };
    }
    if (typeof operand.timestamp === 'string' || typeof operand.date === 'string') {
      const text = (operand.timestamp ?? operand.date) as string;
      if (Number.isNaN(Date.parse(text))) throw new Cql2Error(`"${text}" is not a valid ${operand.timestamp ? 'timestamp' : 'date'}`);
      return { sql: operand.timestamp ? '?::timestamptz' : '?::date', bindings: [text], kind: 'literal', literal: text };
    }
    if (Array.isArray(operand.bbox)) {
      const b = operand.bbox as unknown[];
      if ((b.length !== 4 && b.length !== 6) || b.some((n) => typeof n !== 'number' || !Number.isFinite(n))) throw new Cql2Error('bbox needs four (or six) numbers');
      const [x1, y1, x2, y2] = b.length === 6 ? [b[0], b[1], b[3], b[4]] : b;
      return { sql: 'ST_MakeEnvelope(?, ?, ?, ?, 4326)', bindings: [x1 as number, y1 as number, x2 as number, y2 as number], kind: 'geometry' };
    }
    if (typeof operand.type === 'string' && GEOMETRY_TYPES.includes(operand.type)) {
      checkPositions(operand.coordinates, DEPTH[operand.type]!);
      if (operand.type === 'Polygon' || operand.type === 'MultiPolygon') {
        const polygons = (operand.type === 'Polygon' ? [operand.coordinates] : operand.coordinates) as number[][][][];
        for (const ring of polygons.flat()) {
          const first = ring[0]!, last = ring[ring.length - 1]!;
          if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1]) throw new Cql2Error('a polygon ring must be closed and have at least four positions');
        }
      }
      return { sql: 'ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)', bindings: [JSON.stringify({ type: operand.type, coordinates: operand.coordinates })], kind: 'geometry' };
    }
    throw new Cql2Error(`"${JSON.stringify(operand).slice(0, 80)}" is not a property, literal or geometry`);
  }

  /** A literal typed like the column it meets, so PostgreSQL never sees a bad cast. */
  function typed(v: Value, column: ColumnDefinition | undefined): Value {
    if (v.kind !== 'literal' || !column) return v;
    const lit = v.literal;
    const ok: Record<ColumnDefinition['type'], boolean> = {
      text: typeof lit === 'string',
      integer: typeof lit === 'number' && Number.isInteger(lit) && Math.abs(lit) < 2 ** 31,
      bigint: typeof lit === 'number' && Number.isInteger(lit),
      double: typeof lit === 'number',
      boolean: typeof lit === 'boolean',
      date: typeof lit === 'string' && !Number.isNaN(Date.parse(lit)),
      timestamptz: typeof lit === 'string' && !Number.isNaN(Date.parse(lit)),
      jsonb: false,
      'text[]': false,
    };
    if (!ok[column.type]) throw new Cql2Error(`${JSON.stringify(lit)} cannot be compared with "${column.name}" (${column.type})`);
    return { ...v, sql: `?::${SQL_TYPE[column.type]}` };
  }

  function scalarPair(a: unknown, b: unknown): [Value, Value] {
    const left = value(a);
    const right = value(b);
    if (left.kind === 'geometry' || right.kind === 'geometry') throw new Cql2Error('geometries are compared with spatial functions such as S_INTERSECTS');
    return [typed(left, right.column), typed(right, left.column)];
  }

  function boolean(e: unknown, depth: number): CompiledFilter {
    if (depth > 40) throw new Cql2Error('the filter is nested too deeply');
    if (++nodes > MAX_NODES) throw new Cql2Error(`the filter has more than ${MAX_NODES} parts`);
    if (typeof e === 'boolean') return { sql: e ? 'TRUE' : 'FALSE', bindings: [] };
    if (!isObject(e) || typeof e.op !== 'string' || !Array.isArray(e.args)) throw new Cql2Error('expected an operation such as {"op": "=", "args": [...]}');
    const op = e.op.toLowerCase();
    const args = e.args as unknown[];
    const arity = (n: number) => {
      if (args.length !== n) throw new Cql2Error(`"${e.op}" takes ${n} arguments`);
    };
    if (op === 'and' || op === 'or') {
      if (args.length < 2) throw new Cql2Error(`"${op}" takes at least two arguments`);
      const parts = args.map((a) => boolean(a, depth + 1));
      return { sql: `(${parts.map((p) => p.sql).join(` ${op.toUpperCase()} `)})`, bindings: parts.flatMap((p) => p.bindings) };
    }
    if (op === 'not') {
      arity(1);
      const inner = boolean(args[0], depth + 1);
      return { sql: `(NOT ${inner.sql})`, bindings: inner.bindings };
    }
    if ((COMPARISON as readonly string[]).includes(op)) {
      arity(2);
      const [a, b] = scalarPair(args[0], args[1]);
      if (a.column?.type === 'jsonb' || a.column?.type === 'text[]') throw new Cql2Error(`"${a.column.name}" cannot be compared`);
      return { sql: `(${a.sql} ${op} ${b.sql})`, bindings: [...a.bindings, ...b.bindings] };
    }
    if (op === 'like') {
      arity(2);
      const [a, b] = scalarPair(args[0], args[1]);
      if (a.column?.type !== 'text' || typeof b.literal !== 'string') throw new Cql2Error('LIKE compares a text property with a quoted pattern');
      return { sql: `(${a.sql} LIKE ${b.sql})`, bindings: [...a.bindings, ...b.bindings] };
    }
    if (op === 'between') {
      arity(3);
      const [a, low] = scalarPair(args[0], args[1]);
      const [, high] = scalarPair(args[0], args[2]);
      return { sql: `(${a.sql} BETWEEN ${low.sql} AND ${high.sql})`, bindings: [...a.bindings, ...low.bindings, ...high.bindings] };
    }
    if (op === 'in') {
      arity(2);
      if (!Array.isArray(args[1]) || args[1].length === 0) throw new Cql2Error('IN takes a non-empty list');
      const a = value(args[0]);
      const list = (args[1] as unknown[]).map((x) => typed(value(x), a.column));
      return { sql: `(${a.sql} IN (${list.map((l) => l.sql).join(', ')}))`, bindings: [...a.bindings, ...list.flatMap((l) => l.bindings)] };
    }
    if (op === 'isnull') {
      arity(1);
      const a = value(args[0]);
      return { sql: `(${a.sql} IS NULL)`, bindings: a.bindings };
    }
    if ((SPATIAL as readonly string[]).includes(op) || op === 's_dwithin') {
      if (!context.hasGeometry) throw new Cql2Error('this collection has no geometry');
      arity(op === 's_dwithin' ? 3 : 2);
      const a = value(args[0]);
      const b = value(args[1]);
      if (a.kind !== 'geometry' || b.kind !== 'geometry') throw new Cql2Error(`${op.toUpperCase()} compares two geometries`);
      if (op === 's_dwithin') {
        const d = args[2];
        if (typeof d !== 'number' || !(d >= 0) || d > 100_000) throw new Cql2Error('S_DWITHIN takes a distance in metres from 0 to 100000');
        return { sql: `ST_DWithin((${a.sql})::geography, (${b.sql})::geography, ?)`, bindings: [...a.bindings, ...b.bindings, d] };
      }
      return { sql: `${SPATIAL_SQL[op as (typeof SPATIAL)[number]]}(${a.sql}, ${b.sql})`, bindings: [...a.bindings, ...b.bindings] };
    }
    if ((TEMPORAL as readonly string[]).includes(op)) {
      arity(2);
      const [a, b] = scalarPair(args[0], args[1]);
      if (a.column && a.column.type !== 'timestamptz' && a.column.type !== 'date') throw new Cql2Error(`${op.toUpperCase()} needs a temporal property`);
      return { sql: `(${a.sql} ${TEMPORAL_SQL[op as (typeof TEMPORAL)[number]]} ${b.sql})`, bindings: [...a.bindings, ...b.bindings] };
    }
    throw new Cql2Error(`"${e.op}" is not a supported CQL2 operator`);
  }

  return boolean(expression as Expression, 0);
}
