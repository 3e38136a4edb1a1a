import { readCsv } from '../readers/csv';
import { loadNeighbourhoodMatcher, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { integer, point, text } from './values';

export const FACILITY_CATEGORIES = [
  'school', 'health_centre', 'hospital', 'park', 'mosque', 'library', 'sports', 'culture', 'social_services',
  'wifi_point', 'security_camera', 'digital_screen', 'assembly_area', 'market_place',
] as const;

const CATEGORIES = new Set<string>(FACILITY_CATEGORIES);

export const facilitiesPipeline: Pipeline<NeighbourhoodMatcher> = {
  targets: ['facilities'],
  read: readCsv,
  prepare: ({ knex }) => loadNeighbourhoodMatcher(knex),
  transform(record, neighbourhoods) {
    const v = record.values;
    const id = text(v.facility_id);
    const name = text(v.name);
    const category = text(v.category);
    if (!id) return { reject: 'facility_id is required' };
    if (!name) return { reject: 'name is required' };
    if (!category || !CATEGORIES.has(category)) return { reject: `category "${category ?? ''}" is not one of ${FACILITY_CATEGORIES.join(', ')}` };
    const geom = point(v.latitude, v.longitude);
    if (!geom) return { reject: `latitude/longitude "${String(v.latitude ?? '')}", "${String(v.longitude ?? '')}" is not a position` };
    const mahalle = text(v.mahalle);
    const attributes: Record<string, number> = {};
    const capacity = integer(v.capacity);
    const openingYear = integer(v.opening_year);
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
          geom,
        }],
      },
    };
  },
};
