/*
 * A feature's attributes from the public OGC API, labelled with the catalog's column titles (the
 * collection's queryables: "Türkçe / English"). JSON columns, which have no queryable, show their keys.
 */
import { formatNumber, language, translate } from '../i18n';
import { h } from '../portal/dom';

interface Queryables {
  properties: Record<string, { title?: string }>;
}

const queryables = new Map<string, Promise<Queryables>>();

async function json<T>(path: string, accept: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: accept } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

function titlesOf(collection: string): Promise<Queryables> {
  let titles = queryables.get(collection);
  if (!titles) {
    titles = json<Queryables>(`/ogc/collections/${encodeURIComponent(collection)}/queryables`, 'application/schema+json');
    titles.catch(() => queryables.delete(collection));
    queryables.set(collection, titles);
  }
  return titles;
}

/** "Adı / Name" → the part of the current language. */
export function titleIn(title: string, lang: 'tr' | 'en'): string {
  const [tr, en] = title.split(' / ');
  return (lang === 'en' ? en : tr) ?? title;
}

function shown(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (name === 'category' && typeof value === 'string') return translate(`facility_${value}`, value);
  return String(value);
}

export interface FeatureAttributes {
  properties: Record<string, unknown>;
  render(): Node;
}

export async function loadFeatureAttributes(collection: string, id: string): Promise<FeatureAttributes> {
  const [feature, { properties: columns }] = await Promise.all([
    json<{ properties: Record<string, unknown> }>(`/ogc/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`, 'application/geo+json'),
    titlesOf(collection),
  ]);
  const render = () => {
    const rows: Node[] = [];
    for (const [name, value] of Object.entries(feature.properties)) {
      if (value !== null && typeof value === 'object') {
        // A JSON column: its own keys, as they are.
        for (const [key, inner] of Object.entries(value)) rows.push(h('dt', {}, key), h('dd', { 'data-attribute': `${name}.${key}` }, shown(key, inner)));
        continue;
      }
      const title = columns[name]?.title;
      rows.push(h('dt', {}, title ? titleIn(title, language()) : name), h('dd', { 'data-attribute': name }, shown(name, value)));
    }
    return h('dl', { class: 'feature-attributes' }, ...rows);
  };
  return { properties: feature.properties, render };
}
