import { readSource } from '../readers';
import { EtlError } from '../errors';
import { loadNeighbourhoodMatcher, type NeighbourhoodMatcher } from '../matching';
import { detectIndicatorLayout, indicatorRows, numberKindOf, type IndicatorLayout, type NumberKind } from './indicatorLayouts';
import type { Pipeline } from './types';
import { boolean, text } from './values';

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
  /** Indicator code → how its numbers are written. */
  indicators: Map<string, NumberKind>;
  /** Found from the first record's columns. */
  layout?: IndicatorLayout;
  /** Row ids are assigned in file order, per load. */
  nextId: number;
}

export const indicatorValuesPipeline: Pipeline<ValuesState> = {
  targets: ['indicator_values'],
  read: readSource,
  async prepare({ knex }) {
    const indicators: { code: string; unit: string | null }[] = await knex('public.indicators').select('code', 'unit');
    return { neighbourhoods: await loadNeighbourhoodMatcher(knex), indicators: new Map(indicators.map((i) => [i.code, numberKindOf(i.unit)])), nextId: 0 };
  },
  transform(record, state) {
    if (!state.layout) {
      const layout = detectIndicatorLayout(Object.keys(record.values), state.indicators);
      if ('error' in layout) throw new EtlError(`${record.position}: ${layout.error}`);
      state.layout = layout;
    }
    const result = indicatorRows(record.values, state.layout, state.neighbourhoods, state.indicators);
    if ('reject' in result) return result;
    return { rows: { indicator_values: result.rows.map((r) => ({ id: (state.nextId += 1), ...r })) } };
  },
};
