/**
 * Labels of the EU vocabularies the catalog stores as codes (data themes, licences, frequencies), in
 * the form CKAN shows them: groups, `license_id`/`license_title`, and facet display names.
 */

const EU = 'http://publications.europa.eu/resource/authority';

/** The EU data themes (http://publications.europa.eu/resource/authority/data-theme), Turkish titles. */
export const DATA_THEMES: Record<string, { tr: string; en: string }> = {
  AGRI: { tr: 'Tarım, balıkçılık, ormancılık ve gıda', en: 'Agriculture, fisheries, forestry and food' },
  ECON: { tr: 'Ekonomi ve maliye', en: 'Economy and finance' },
  EDUC: { tr: 'Eğitim, kültür ve spor', en: 'Education, culture and sport' },
  ENER: { tr: 'Enerji', en: 'Energy' },
  ENVI: { tr: 'Çevre', en: 'Environment' },
  GOVE: { tr: 'Hükümet ve kamu sektörü', en: 'Government and public sector' },
  HEAL: { tr: 'Sağlık', en: 'Health' },
  INTR: { tr: 'Uluslararası konular', en: 'International issues' },
  JUST: { tr: 'Adalet, hukuk sistemi ve kamu güvenliği', en: 'Justice, legal system and public safety' },
  REGI: { tr: 'Bölgeler ve şehirler', en: 'Regions and cities' },
  SOCI: { tr: 'Nüfus ve toplum', en: 'Population and society' },
  TECH: { tr: 'Bilim ve teknoloji', en: 'Science and technology' },
  TRAN: { tr: 'Ulaştırma', en: 'Transport' },
};

export function themeUri(code: string): string {
  return `${EU}/data-theme/${code}`;
}

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

/** EU frequency codes (http://publications.europa.eu/resource/authority/frequency), Turkish labels. */
export const FREQUENCIES: Record<string, string> = {
  DAILY: 'Günlük',
  WEEKLY: 'Haftalık',
  MONTHLY: 'Aylık',
  QUARTERLY: 'Üç aylık',
  ANNUAL: 'Yıllık',
  IRREG: 'Düzensiz',
  CONT: 'Sürekli',
  NEVER: 'Güncellenmez',
};
