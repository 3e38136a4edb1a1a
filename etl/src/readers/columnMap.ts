import { ColumnMapError } from '../errors';
import type { RecordBatches } from './types';

/**
 * A column map as a load is given it, "facility_id=Tesis No,name=Adı": the name the pipeline reads on
 * the left, the file's column on the right. Returned file column → pipeline name.
 */
export function parseColumnMap(text: string): Record<string, string> {
  const map: Record<string, string> = Object.create(null) as Record<string, string>;
  const targets = new Set<string>();
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const target = at > 0 ? pair.slice(0, at).trim() : '';
    const source = at > 0 ? pair.slice(at + 1).trim() : '';
    if (!target || !source) throw new ColumnMapError(`the column map "${pair.trim()}" is not name=file column (e.g. facility_id=Tesis No)`);
    if (targets.has(target)) throw new ColumnMapError(`the column map names ${target} twice`);
    if (source in map) throw new ColumnMapError(`the column map names the file's column "${source}" twice`);
    targets.add(target);
    map[source] = target;
  }
  if (targets.size === 0) throw new ColumnMapError('the column map is empty');
  return map;
}

/**
 * The records with their columns renamed by the map; a mapped column becomes the name it is mapped to,
 * replacing a column of that name. In a table (every record has every column) a mapped column the
 * file does not have is an error naming the file's columns; in GeoJSON and shapefiles a feature may
 * simply lack it.
 */
export async function* renamedColumns(batches: RecordBatches, map: Record<string, string>, tabular: boolean, file: string): RecordBatches {
  const sources = Object.keys(map);
  const targets = new Set(Object.values(map));
  let checked = !tabular;
  for await (const batch of batches) {
    for (const record of batch) {
      if (record.error) continue;
      if (!checked) {
        const missing = sources.filter((s) => !(s in record.values));
        if (missing.length) {
          throw new ColumnMapError(`${file} has no column ${missing.map((m) => `"${m}"`).join(', ')} named in the column map (its columns: ${Object.keys(record.values).join(', ')})`);
        }
        checked = true;
      }
      const values: Record<string, unknown> = {};
      for (const key in record.values) {
        const target = map[key];
        if (target !== undefined) values[target] = record.values[key];
        else if (!targets.has(key)) values[key] = record.values[key];
      }
      record.values = values;
    }
    yield batch;
  }
}
