import type { Knex } from 'knex';
import { GEOMETRY_COLUMN, type ColumnType, type DatasetDefinition } from './types';

export class CatalogMismatchError extends Error {
  constructor(readonly problems: string[]) {
    super(`The dataset catalog does not match the database:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CatalogMismatchError';
  }
}

/** PostgreSQL's udt_name for each catalog type. */
const UDT: Record<ColumnType, string[]> = {
  text: ['text', 'varchar'],
  integer: ['int4', 'int2'],
  bigint: ['int8'],
  double: ['float8', 'float4', 'numeric'],
  boolean: ['bool'],
  date: ['date'],
  timestamptz: ['timestamptz'],
  jsonb: ['jsonb'],
  'text[]': ['_text'],
};

/**
 * Refuses a catalog that promises what the database does not hold: each dataset's table must exist
 * with every catalogued column of a matching type, and a geometry column exactly when declared.
 */
export async function validateCatalog(knex: Knex, datasets: DatasetDefinition[]): Promise<void> {
  const rows: { table_name: string; column_name: string; udt_name: string }[] = await knex('information_schema.columns')
    .select('table_name', 'column_name', 'udt_name')
    .where('table_schema', 'data');
  const byTable = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!byTable.has(r.table_name)) byTable.set(r.table_name, new Map());
    byTable.get(r.table_name)!.set(r.column_name, r.udt_name);
  }
  const problems: string[] = [];
  for (const ds of datasets) {
    const table = byTable.get(ds.table);
    if (!table) {
      problems.push(`dataset "${ds.id}": table data.${ds.table} does not exist`);
      continue;
    }
    for (const column of ds.columns) {
      const udt = table.get(column.name);
      if (!udt) problems.push(`dataset "${ds.id}": column "${column.name}" is not in data.${ds.table}`);
      else if (!UDT[column.type].includes(udt)) {
        problems.push(`dataset "${ds.id}": column "${column.name}" is ${udt} in the database, ${column.type} in the catalog`);
      }
    }
    if (ds.publicRowFilter && ds.columns.find((c) => c.name === ds.publicRowFilter)?.type !== 'boolean') {
      problems.push(`dataset "${ds.id}": public row filter "${ds.publicRowFilter}" is not a catalogued boolean column`);
    }
    if (!ds.columns.some((c) => c.name === ds.idColumn)) {
      problems.push(`dataset "${ds.id}": id column "${ds.idColumn}" is not a catalogued column`);
    }
    const hasGeometry = table.get(GEOMETRY_COLUMN) === 'geometry';
    if (ds.geometryType && !hasGeometry) problems.push(`dataset "${ds.id}": declares ${ds.geometryType} but data.${ds.table} has no geometry column`);
    if (!ds.geometryType && hasGeometry) problems.push(`dataset "${ds.id}": data.${ds.table} has a geometry column the catalog does not declare`);
  }
  if (problems.length) throw new CatalogMismatchError(problems);
}
