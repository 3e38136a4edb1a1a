import type { Knex } from 'knex';
import { foldTurkish, SQL_TYPE, upsertDataset, type ColumnDefinition, type ColumnType, type Dataset, type DatasetDefinition, type GeometryType } from '@kbs/core';
import { checkedPoint, findCoordinateColumns } from '../coordinates';
import { EtlError } from '../errors';
import { readSource } from '../readers';
import { parseTurkishNumber } from '../readers/numbers';
import type { ReadOptions } from '../readers/types';
import type { Pipeline } from './types';
import { isCalendarDay } from './values';

/** A column name as PostgreSQL and URLs like it: ASCII snake_case, Turkish letters folded. */
export function columnName(raw: string, taken: Set<string>): string {
  let name = foldTurkish(raw).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 55) || 'column';
  if (/^\d/.test(name)) name = `c_${name}`;
  if (['geom', 'geometry', '_version', 'id'].includes(name)) name = `${name}_1`;
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}_${i}`;
  taken.add(unique);
  return unique;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** Midnight UTC: how a spreadsheet's date-only cell arrives (Excel keeps a day count, no time zone). */
const MIDNIGHT_UTC = /^\d{4}-\d{2}-\d{2}T00:00(:00(\.0+)?)?(Z|\+00:?00)$/;

function isDateTime(s: string): boolean {
  return isCalendarDay(s) && !Number.isNaN(Date.parse(s));
}

/** The largest magnitude each integer column type holds (bigint: what a double carries exactly). */
const INTEGER_LIMIT: Partial<Record<ColumnType, number>> = { integer: 2 ** 31 - 1, bigint: Number.MAX_SAFE_INTEGER };

/** The narrowest type every non-empty value of a column fits. */
export function inferType(values: unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined && String(v).trim() !== '');
  if (present.length === 0) return 'text';
  const all = (test: (v: unknown) => boolean) => present.every(test);
  if (all((v) => typeof v === 'boolean' || /^(true|false|evet|hayır|hayir)$/i.test(String(v)))) return 'boolean';
  if (all((v) => parseTurkishNumber(v, 'count') !== undefined && !/^0\d/.test(String(v).trim()))) {
    const largest = Math.max(...present.map((v) => Math.abs(parseTurkishNumber(v, 'count')!)));
    // Digits beyond what a double carries exactly are a code (a barcode, a parcel number), not a count.
    return largest <= INTEGER_LIMIT.integer! ? 'integer' : largest <= INTEGER_LIMIT.bigint! ? 'bigint' : 'text';
  }
  if (all((v) => parseTurkishNumber(v, 'decimal') !== undefined && !/^0\d/.test(String(v).trim()))) return 'double';
  if (all((v) => (ISO_DATE.test(String(v).trim()) || MIDNIGHT_UTC.test(String(v).trim())) && isCalendarDay(String(v).trim()))) return 'date';
  if (all((v) => ISO_TIMESTAMP.test(String(v).trim()) && isDateTime(String(v).trim()))) return 'timestamptz';
  return 'text';
}

export interface GenericDatasetOptions {
  id: string;
  titleTr: string;
  titleEn?: string;
  publisher?: string;
  read?: ReadOptions;
}

interface Inferred {
  columns: (ColumnDefinition & { source: string })[];
  geometryType: GeometryType | null;
  coordinates: { latitude: string; longitude: string } | null;
}

/** Reads a file once to infer its columns and geometry. */
async function inferSchema(file: string, read: ReadOptions): Promise<Inferred> {
  const samples = new Map<string, unknown[]>();
  const geometryTypes = new Set<string>();
  let count = 0;
  for await (const batch of readSource(file, read)) for (const record of batch) {
    if (record.error) continue;
    count += 1;
    for (const [k, v] of Object.entries(record.values)) {
      if (!samples.has(k)) samples.set(k, []);
      const list = samples.get(k)!;
      if (list.length < 5000) list.push(v);
    }
    if (record.geometry) geometryTypes.add(record.geometry.type.replace(/^Multi/, ''));
  }
  if (count === 0) throw new EtlError(`${file} holds no records to infer a dataset from`);
  const coordinates = geometryTypes.size ? null : findCoordinateColumns([...samples.keys()]);
  const taken = new Set<string>();
  const columns = [...samples.entries()]
    .filter(([source]) => !coordinates || (source !== coordinates.latitude && source !== coordinates.longitude))
    .map(([source, values]) => ({
      source,
      name: columnName(source, taken),
      type: inferType(values),
      titleTr: source,
      titleEn: source,
      // New data is internal until a publisher marks a column public.
      privacy: 'internal' as const,
    }));
  if (geometryTypes.size > 1) throw new EtlError(`${file} mixes geometry types (${[...geometryTypes].join(', ')}); one dataset holds one kind`);
  const kind = [...geometryTypes][0];
  const geometryType: GeometryType | null = kind === 'Polygon' ? 'MultiPolygon' : kind === 'LineString' ? 'MultiLineString' : kind === 'Point' || coordinates ? 'Point' : null;
  return { columns, geometryType, coordinates };
}

/**
 * Turns any table, with or without geometry, into a new catalog dataset: columns and types inferred,
 * every column internal and the dataset unpublished until a publisher decides otherwise.
 */
export async function createGenericDataset(knex: Knex, file: string, options: GenericDatasetOptions): Promise<DatasetDefinition> {
  if (!/^[a-z][a-z0-9_]{1,40}$/.test(options.id)) throw new EtlError(`dataset id "${options.id}" must be lower-case letters, digits and _ (2–41 characters), starting with a letter`);
  if (await knex('catalog.datasets').where({ id: options.id }).first()) throw new EtlError(`dataset "${options.id}" exists already; load into it instead`);
  const schema = await inferSchema(file, options.read ?? {});
  const columns: ColumnDefinition[] = [
    { name: 'id', type: 'bigint', titleTr: 'Kayıt no', titleEn: 'Record id', privacy: 'internal' },
    ...schema.columns.map(({ source: _s, ...c }) => c),
  ];
  const definition: DatasetDefinition = {
    id: options.id,
    table: options.id,
    titleTr: options.titleTr,
    titleEn: options.titleEn ?? options.titleTr,
    descriptionTr: '',
    descriptionEn: '',
    theme: 'GOVE',
    keywords: [],
    licence: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
    publisher: options.publisher ?? 'Bilgi İşlem Müdürlüğü — Kent Bilgi Sistemi',
    updateFrequency: 'IRREG',
    idColumn: 'id',
    geometryType: schema.geometryType,
    columns,
    published: false,
    access: 'internal',
    synthetic: false,
    keepVersions: 3,
  };
  const columnSql = columns.map((c) => `?? ${SQL_TYPE[c.type]}`).join(', ');
  await knex.transaction(async (trx) => {
    await trx.raw(`CREATE TABLE data.?? (_version integer NOT NULL, ${columnSql}${schema.geometryType ? `, geom geometry(${schema.geometryType}, 4326)` : ''}, PRIMARY KEY (_version, id)) PARTITION BY LIST (_version)`,
      [options.id, ...columns.map((c) => c.name)]);
    if (schema.geometryType) await trx.raw('CREATE INDEX ON data.?? USING gist (geom)', [options.id]);
    const viewColumns = [...columns.map((c) => c.name), ...(schema.geometryType ? ['geom'] : [])];
    // DDL takes no bound values; the id passed the strict pattern above, so it is safe as a literal.
    await trx.raw(`CREATE VIEW public.?? AS SELECT ${viewColumns.map(() => '??').join(', ')} FROM data.?? WHERE _version = (SELECT current_version FROM catalog.datasets WHERE table_name = '${options.id}')`,
      [options.id, ...viewColumns, options.id]);
    await upsertDataset(trx, definition);
    await trx('catalog.generic_sources').insert({ dataset_id: options.id, columns: JSON.stringify(schema.columns.map((c) => ({ source: c.source, name: c.name }))), coordinates: schema.coordinates ? JSON.stringify(schema.coordinates) : null });
  });
  return definition;
}

interface GenericState {
  mapping: { source: string; name: string }[];
  coordinates: { latitude: string; longitude: string } | null;
  dataset: Dataset;
  nextId: number;
}

/** The pipeline of a dataset made by createGenericDataset: the mapping it recorded, the types of the catalog. */
export function genericPipeline(datasetId: string): Pipeline<GenericState> {
  return {
    targets: [datasetId],
    read: readSource,
    async prepare({ knex, datasets }) {
      const source = await knex('catalog.generic_sources').where({ dataset_id: datasetId }).first();
      if (!source) throw new EtlError(`no pipeline loads dataset "${datasetId}"`);
      return { mapping: source.columns, coordinates: source.coordinates, dataset: datasets.get(datasetId)!, nextId: 0 };
    },
    transform(record, state) {
      const row: Record<string, unknown> = {};
      for (const { source, name } of state.mapping) {
        const column = state.dataset.columns.find((c) => c.name === name);
        const raw = record.values[source];
        if (!column || raw === undefined || raw === null || String(raw).trim() === '') {
          row[name] = null;
          continue;
        }
        const value = column.type === 'integer' || column.type === 'bigint' ? parseTurkishNumber(raw, 'count')
          : column.type === 'double' ? parseTurkishNumber(raw, 'decimal')
          : column.type === 'boolean' ? /^(true|evet|1)$/i.test(String(raw))
          : String(raw).trim();
        if (value === undefined) return { reject: `"${String(raw)}" in ${source} is not a ${column.type}` };
        if (typeof value === 'number' && Math.abs(value) > (INTEGER_LIMIT[column.type] ?? Infinity)) return { reject: `"${String(raw)}" in ${source} is too large for a column of type ${column.type}` };
        if ((column.type === 'date' || column.type === 'timestamptz') && !isDateTime(String(value))) return { reject: `"${String(raw)}" in ${source} is not a ${column.type} (YYYY-MM-DD)` };
        row[name] = column.type === 'date' && MIDNIGHT_UTC.test(String(value)) ? String(value).slice(0, 10) : value;
      }
      state.nextId += 1;
      row.id = state.nextId;
      if (state.dataset.geometryType) {
        if (record.geometry) row.geom = record.geometry;
        else if (state.coordinates) {
          const p = checkedPoint(record.values[state.coordinates.latitude], record.values[state.coordinates.longitude]);
          if ('reject' in p) return { reject: p.reject };
          row.geom = p.point;
        } else return { reject: 'no geometry' };
      }
      return { rows: { [datasetId]: [row] } };
    },
  };
}
