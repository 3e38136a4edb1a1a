import { readSource } from '../readers';
import { loadNeighbourhoodMatcher, matchByPosition, positionDisagreements, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { checkedPoint, coordinateColumnsOf, ISTANBUL, projectedExtents, type Extent } from '../coordinates';
import { parseTurkishNumber } from '../readers/numbers';
import { text } from './values';

export const FACILITY_CATEGORIES = [
  'school', 'health_centre', 'hospital', 'park', 'mosque', 'library', 'sports', 'culture', 'social_services',
  'wifi_point', 'security_camera', 'digital_screen', 'assembly_area', 'market_place',
] as const;

const CATEGORIES = new Set<string>(FACILITY_CATEGORIES);

interface FacilitiesState {
  neighbourhoods: NeighbourhoodMatcher;
  /** In the source's CRS: degrees, or metres of a projected CRS the load named. */
  extent: Extent;
  region: Extent;
}

export const facilitiesPipeline: Pipeline<FacilitiesState> = {
  targets: ['facilities'],
  read: readSource,
  async prepare({ knex, extent, sourceSrid }) {
    const bounds = sourceSrid && sourceSrid !== 4326 ? await projectedExtents(knex, sourceSrid, extent) : { extent, region: ISTANBUL };
    return { neighbourhoods: await loadNeighbourhoodMatcher(knex), ...bounds };
  },
  transform(record, { neighbourhoods, extent, region }) {
    const v = record.values;
    const id = text(v.facility_id);
    const name = text(v.name);
    const category = text(v.category);
    if (!id) return { reject: 'facility_id is required' };
    if (!name) return { reject: 'name is required' };
    if (!category || !CATEGORIES.has(category)) return { reject: `category "${category ?? ''}" is not one of ${FACILITY_CATEGORIES.join(', ')}` };
    const columns = coordinateColumnsOf(Object.keys(v));
    if (!columns) return { reject: 'no latitude/longitude columns (enlem/boylam, lat/lon, y/x)' };
    const position = checkedPoint(v[columns.latitude], v[columns.longitude], extent, region);
    if ('reject' in position) return { reject: position.reject };
    const mahalle = text(v.mahalle);
    const attributes: Record<string, number> = {};
    const capacity = parseTurkishNumber(v.capacity, 'count');
    const openingYear = parseTurkishNumber(v.opening_year, 'count');
    if (capacity !== undefined) attributes.capacity = capacity;
    if (openingYear !== undefined) attributes.opening_year = openingYear;
    return {
      rows: {
        facilities: [{
          id,
          category,
          name,
          address: text(v.address) ?? null,
          uavt_code: mahalle ? neighbourhoods.byName(mahalle) : null,
          attributes,
          source: text(v.source) ?? null,
          geom: position.point,
        }],
      },
      ...(position.swapped ? { notes: ['latitude and longitude swapped'] } : {}),
    };
  },
  async finalise(knex, dataset, partition) {
    return dataset.geometryType ? matchByPosition(knex, partition) : [];
  },
  async check(knex, dataset, partition) {
    return dataset.geometryType ? positionDisagreements(knex, partition) : [];
  },
};
