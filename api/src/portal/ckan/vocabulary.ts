/**
 * Labels of the EU vocabularies the catalog stores as codes (data themes, licences, frequencies), in
 * the form CKAN shows them: groups, `license_id`/`license_title`, and facet display names.
 */

import { DATA_THEMES, dataTheme, EU_AUTHORITY as EU, FREQUENCIES } from '../euVocabularies';

export const themeUri = dataTheme;

/** A CKAN group name is lower case: "soci" for SOCI. */
export function groupName(theme: string): string {
  return theme.toLowerCase();
}

export function themeOfGroup(name: string): string {
  return name.toUpperCase();
}

export function themeTitle(code: string): string {
  return DATA_THEMES[code]?.tr ?? code;
}

interface Licence {
  /** CKAN's licence id (its default licence list, ckan/model/license.py). */
  id: string;
  title: string;
  url: string;
  odConformance: boolean;
}

const LICENCES: Record<string, Licence> = {
  [`${EU}/licence/CC_BY_4_0`]: { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', odConformance: true },
  [`${EU}/licence/CC0`]: { id: 'cc-zero', title: 'Creative Commons CCZero', url: 'http://www.opendefinition.org/licenses/cc-zero', odConformance: true },
  [`${EU}/licence/CC_BYSA_4_0`]: { id: 'cc-by-sa-4.0', title: 'Creative Commons Attribution Share-Alike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', odConformance: true },
  [`${EU}/licence/ODC_BY`]: { id: 'odc-by', title: 'Open Data Commons Attribution License', url: 'http://www.opendefinition.org/licenses/odc-by', odConformance: true },
};

/** The CKAN form of a licence URI; an unknown URI is its own id. */
export function licenceOf(uri: string): Licence {
  return LICENCES[uri] ?? { id: uri, title: uri, url: uri, odConformance: false };
}

/** The URIs whose CKAN id is `id` (for `fq=license_id:…`). */
export function licenceUrisOf(id: string): string[] {
  const known = Object.entries(LICENCES).filter(([, l]) => l.id === id).map(([uri]) => uri);
  return known.length ? known : [id];
}

/** The Turkish label of an EU frequency code (CKAN shows one language). */
export function frequencyTitle(code: string): string {
  return FREQUENCIES[code]?.tr ?? code;
}
