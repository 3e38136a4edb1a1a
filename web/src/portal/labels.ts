import { language } from '../i18n';
import type { CkanFacet, CkanPackage } from './api';
import { extra } from './api';
import type { FacetField } from './query';
import { FREQUENCY_LABELS, pt, THEME_LABELS } from './strings';

/** What a facet value is called in the page's language (CKAN gives Turkish display names). */
export function facetValueLabel(field: FacetField, item: CkanFacet['items'][number]): string {
  const lang = language();
  if (field === 'groups') return THEME_LABELS[item.name.toUpperCase()]?.[lang] ?? item.display_name;
  if (field === 'frequency') return FREQUENCY_LABELS[item.name.toUpperCase()]?.[lang] ?? item.display_name;
  if (field === 'spatial') return item.name === 'true' ? pt('spatialYes') : item.name === 'false' ? pt('spatialNo') : item.display_name;
  return item.display_name || item.name;
}

export function datasetTitle(pkg: CkanPackage): string {
  return (language() === 'en' && extra(pkg, 'title_en')) || pkg.title || pkg.name;
}

export function datasetDescription(pkg: CkanPackage): string {
  return (language() === 'en' && extra(pkg, 'notes_en')) || pkg.notes || '';
}

export function themeLabel(pkg: CkanPackage): string {
  const group = pkg.groups[0];
  if (!group) return pt('notStated');
  return THEME_LABELS[group.name.toUpperCase()]?.[language()] ?? group.display_name ?? group.title;
}

export function frequencyLabel(pkg: CkanPackage): string {
  const code = extra(pkg, 'frequency');
  if (!code) return pt('notStated');
  return FREQUENCY_LABELS[code.toUpperCase()]?.[language()] ?? code;
}

export function datasetPath(id: string): string {
  return `/portal/datasets/${encodeURIComponent(id)}`;
}
