import { readSource } from '../readers';
import { loadNeighbourhoodMatcher, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { boolean, decimal, integer, text } from './values';

export const indicatorsPipeline: Pipeline = {
  targets: ['indicators'],
  read: readSource,
  transform(record) {
    const v = record.values;
    const code = text(v.code);
    const nameTr = text(v.name_tr);
    const topic = text(v.topic);
    if (!code || !/^[a-z0-9_]+$/.test(code)) return { reject: `code "${String(v.code ?? '')}" must be lower-case letters, digits and _` };
    if (!nameTr || !topic) return { reject: 'name_tr and topic are required' };
    return {
      rows: {
        indicators: [{
          code,
          name_tr: nameTr,
          name_en: text(v.name_en) ?? nameTr,
          unit: text(v.unit) ?? null,
          topic,
          source: text(v.source) ?? null,
          synthetic: boolean(v.synthetic) ?? true,
        }],
      },
    };
  },
};

interface ValuesState {
  neighbourhoods: NeighbourhoodMatcher;
  /** Row ids are assigned in file order, per load. */
  nextId: number;
}

export const indicatorValuesPipeline: Pipeline<ValuesState> = {
  targets: ['indicator_values'],
  read: readSource,
  async prepare({ knex }) {
    return { neighbourhoods: await loadNeighbourhoodMatcher(knex), nextId: 0 };
  },
  transform(record, state) {
    const { neighbourhoods } = state;
    const v = record.values;
    const uavtCode = text(v.uavt_code);
    const indicatorCode = text(v.indicator_code);
    const year = integer(v.year);
    const value = decimal(v.value);
    if (!uavtCode || !neighbourhoods.hasCode(uavtCode)) return { reject: `uavt_code "${String(v.uavt_code ?? '')}" is not a known mahalle` };
    if (!indicatorCode) return { reject: 'indicator_code is required' };
    if (year === undefined || year < 1900 || year > 2100) return { reject: `year "${String(v.year ?? '')}" is not a year` };
    if (value === undefined) return { reject: `value "${String(v.value ?? '')}" is not a number` };
    state.nextId += 1;
    return { rows: { indicator_values: [{ id: state.nextId, uavt_code: uavtCode, indicator_code: indicatorCode, year, value }] } };
  },
};
