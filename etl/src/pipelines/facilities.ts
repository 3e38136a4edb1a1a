import { readSource } from '../readers';
import { loadNeighbourhoodMatcher, matchByPosition, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { checkedPoint, findCoordinateColumns, type Extent } from '../coordinates';
import { parseTurkishNumber } from '../readers/numbers';
import { text } from './values';

export const FACILITY_CATEGORIES = [
  'school', 'health_centre', 'hospital', 'park', 'mosque', 'library', 'sports', 'culture', 'social_services',
  'wifi_point', 'security_camera', 'digital_screen', 'assembly_area', 'market_place',
] as const;

const CATEGORIES = new Set<string>(FACILITY_CATEGORIES);

interface FacilitiesState {
  neighbourhoods: NeighbourhoodMatcher;
  extent: Extent;
}

export const facilitiesPipeline: Pipeline<FacilitiesState> = {
  targets: ['facilities'],
  read: readSource,
  prepare: async ({ knex, extent }) => ({ neighbourhoods: await loadNeighbourhoodMatcher(knex), extent }),
  transform(record, { neighbourhoods, extent }) {
    const v = record.values;
    const id = text(v.facility_id);
    const name = text(v.name);
    const category = text(v.category);
    if (!id) return { reject: 'facility_id is required' };
    if (!name) return { reject: 'name is required' };
    if (!category || !CATEGORIES.has(category)) return { reject: `category "${category ?? ''}" is not one of ${FACILITY_CATEGORIES.join(', ')}` };
    const columns = findCoordinateColumns(Object.keys(v));
    if (!columns) return { reject: 'no latitude/longitude columns (enlem/boylam, lat/lon, y/x)' };
    const position = checkedPoint(v[columns.latitude], v[columns.longitude], extent);
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
};
