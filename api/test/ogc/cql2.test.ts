import { describe, expect, it } from 'vitest';
import type { ColumnDefinition } from '@kbs/core';
import { Cql2Error } from '../../src/ogc/cql2/ast';
import { compileFilter } from '../../src/ogc/cql2/compile';
import { parseCql2Text } from '../../src/ogc/cql2/text';

const columns = new Map<string, ColumnDefinition>(
  ([
    ['name', 'text'], ['category', 'text'], ['capacity', 'integer'], ['score', 'double'], ['open', 'boolean'], ['opened_at', 'timestamptz'], ['attributes', 'jsonb'],
  ] as const).map(([name, type]) => [name, { name, type, titleTr: name, titleEn: name, privacy: 'public' }]),
);
const compile = (text: string) => compileFilter(parseCql2Text(text), { columns, hasGeometry: true });

describe('CQL2 text parsing', () => {
  it.each([
    ["category = 'park'", { op: '=', args: [{ property: 'category' }, 'park'] }],
    ["name = 'O''Brien'", { op: '=', args: [{ property: 'name' }, "O'Brien"] }],
    ["name NOT LIKE 'B%'", { op: 'not', args: [{ op: 'like', args: [{ property: 'name' }, 'B%'] }] }],
    ['capacity BETWEEN 10 AND 20', { op: 'between', args: [{ property: 'capacity' }, 10, 20] }],
    ["category IN ('park', 'school')", { op: 'in', args: [{ property: 'category' }, ['park', 'school']] }],
    ['capacity IS NOT NULL', { op: 'not', args: [{ op: 'isNull', args: [{ property: 'capacity' }] }] }],
    ["a = 1 OR b = 2 AND c = 3", { op: 'or', args: [{ op: '=', args: [{ property: 'a' }, 1] }, { op: 'and', args: [{ op: '=', args: [{ property: 'b' }, 2] }, { op: '=', args: [{ property: 'c' }, 3] }] }] }],
    ["opened_at > TIMESTAMP('2023-01-01T00:00:00Z')", { op: '>', args: [{ property: 'opened_at' }, { timestamp: '2023-01-01T00:00:00Z' }] }],
    ['S_INTERSECTS(geom, POINT(28.8 41))', { op: 's_intersects', args: [{ property: 'geom' }, { type: 'Point', coordinates: [28.8, 41] }] }],
    ['S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))', { op: 's_within', args: [{ property: 'geometry' }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }] }],
    ['S_INTERSECTS(geom, BBOX(28.8, 41, 28.9, 41.1))', { op: 's_intersects', args: [{ property: 'geom' }, { bbox: [28.8, 41, 28.9, 41.1] }] }],
    ['S_DWITHIN(geom, POINT(28.8 41), 100, meters)', { op: 's_dwithin', args: [{ property: 'geom' }, { type: 'Point', coordinates: [28.8, 41] }, 100] }],
    ['capacity >= -5', { op: '>=', args: [{ property: 'capacity' }, -5] }],
  ])('parses %s', (text, expected) => {
    expect(parseCql2Text(text)).toEqual(expected);
  });

  it.each(['bad (((', "name = 'open", 'capacity BETWEEN 1', 'capacity ==', '', 'POINT(1)', "name LIKE"])('rejects %j', (text) => {
    expect(() => compile(text)).toThrowError(Cql2Error);
  });
});

describe('CQL2 compilation', () => {
  it('binds every value and takes identifiers only from the queryables', () => {
    const f = compile("category = 'park'' OR 1=1 --' AND capacity > 10");
    expect(f.sql).toBe('((?? = ?::text) AND (?? > ?::integer))');
    expect(f.bindings).toEqual(['category', "park' OR 1=1 --", 'capacity', 10]);
  });

  it('compiles spatial and temporal predicates', () => {
    expect(compile('S_INTERSECTS(geom, BBOX(28.8, 41, 28.9, 41.1))').sql).toBe('ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))');
    expect(compile('S_DWITHIN(geom, POINT(28.8 41), 250)').bindings).toEqual(['{"type":"Point","coordinates":[28.8,41]}', 250]);
    expect(compile("T_BEFORE(opened_at, TIMESTAMP('2024-01-01T00:00:00Z'))").sql).toBe('(?? < ?::timestamptz)');
  });

  it.each([
    ["secret = 'x'", /not a queryable/],
    ["capacity = 'many'", /cannot be compared/],
    ['capacity = 3000000000', /cannot be compared/],
    ["name LIKE 5", /cannot be compared|LIKE/],
    ['attributes = 1', /cannot be compared/],
    ['S_INTERSECTS(geom, POINT(200 100))', /outside/],
    ['S_INTERSECTS(capacity, POINT(28 41))', /compares two geometries/],
    ['S_DWITHIN(geom, POINT(28.8 41), 1000000)', /distance/],
    ["opened_at > TIMESTAMP('yesterday')", /not a valid timestamp/],
  ])('refuses %s', (text, message) => {
    expect(() => compile(text)).toThrowError(message);
  });

  it('refuses malformed CQL2 JSON and runaway nesting', () => {
    const ctx = { columns, hasGeometry: true };
    expect(() => compileFilter({ op: 'frobnicate', args: [] }, ctx)).toThrowError(/not a supported/);
    expect(() => compileFilter({ op: '=', args: [{ property: 'name' }] }, ctx)).toThrowError(/takes 2 arguments/);
    expect(() => compileFilter('name', ctx)).toThrowError(Cql2Error);
    let deep: unknown = { op: '=', args: [{ property: 'capacity' }, 1] };
    for (let i = 0; i < 60; i++) deep = { op: 'not', args: [deep] };
    expect(() => compileFilter(deep, ctx)).toThrowError(/nested too deeply/);
  });
});
