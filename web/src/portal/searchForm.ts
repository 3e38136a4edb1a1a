import { h } from './dom';
import { pt } from './strings';

/** The search box: a plain GET form, so that it works and keeps its URL without any script too. */
export function searchForm(query: string, hidden: Record<string, string> = {}): HTMLElement {
  return h(
    'form',
    { class: 'search-form', role: 'search', action: '/portal/search', method: 'get' },
    h('label', { for: 'search-q', class: 'search-label' }, pt('searchLabel')),
    h(
      'div',
      { class: 'search-row' },
      h('input', { id: 'search-q', name: 'q', type: 'search', value: query, placeholder: pt('searchPlaceholder'), autocomplete: 'off', maxlength: 200 }),
      ...Object.entries(hidden).map(([name, value]) => h('input', { type: 'hidden', name, value })),
      h('button', { type: 'submit' }, pt('searchButton')),
    ),
  );
}
