import { readSource } from '../readers';
import type { Knex } from 'knex';
import type { Pipeline } from './types';
import { integer, text } from './values';

const POLYGONAL = new Set(['Polygon', 'MultiPolygon']);

export const districtPipeline: Pipeline = {
  targets: ['district'],
  read: readSource,
  transform(record) {
    const code = text(record.values.code);
    const name = text(record.values.name);
    if (!code || !name) return { reject: 'code and name are required' };
    if (!record.geometry || !POLYGONAL.has(record.geometry.type)) return { reject: 'geometry must be a Polygon or MultiPolygon' };
    return { rows: { district: [{ code, name, geom: record.geometry }] } };
  },
};

export const neighbourhoodsPipeline: Pipeline = {
  targets: ['neighbourhoods'],
  read: readSource,
  transform(record) {
    const v = record.values;
    const uavtCode = text(v.uavt_code);
    const name = text(v.name);
    if (!uavtCode || !/^\d+$/.test(uavtCode)) return { reject: `uavt_code "${String(v.uavt_code ?? '')}" is not a UAVT code` };
    if (!name) return { reject: 'name is required' };
    if (!record.geometry || !POLYGONAL.has(record.geometry.type)) return { reject: 'geometry must be a Polygon or MultiPolygon' };
    const formerNames = Array.isArray(v.former_names) ? v.former_names.map(String) : [];
    return {
      rows: {
        neighbourhoods: [{
          uavt_code: uavtCode,
          name,
          former_names: formerNames,
          district_code: text(v.district_code) ?? 'BAGCILAR',
          population: integer(v.population) ?? null,
          population_year: integer(v.population_year) ?? null,
          boundary_note: text(v.boundary_note) ?? null,
          geom: record.geometry,
        }],
      },
    };
  },
  async finalise(knex: Knex, _dataset, partition) {
    await knex.raw('UPDATE data.?? SET area_km2 = round((ST_Area(geom::geography) / 1e6)::numeric, 4)', [partition]);
  },
};
