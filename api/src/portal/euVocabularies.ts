/**
 * The EU controlled vocabularies the catalog stores as codes (publications.europa.eu authority tables):
 * data themes and update frequencies, with their Turkish and English labels. One list that the CKAN
 * API, the DCAT-AP catalog and the publishing checks all read.
 */
export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority';

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
  OP_DATPRO: { tr: 'Geçici veri', en: 'Provisional data' },
  REGI: { tr: 'Bölgeler ve şehirler', en: 'Regions and cities' },
  SOCI: { tr: 'Nüfus ve toplum', en: 'Population and society' },
  TECH: { tr: 'Bilim ve teknoloji', en: 'Science and technology' },
  TRAN: { tr: 'Ulaştırma', en: 'Transport' },
};

export const FREQUENCIES: Record<string, { tr: string; en: string }> = {
  CONT: { tr: 'Sürekli', en: 'Continuous' },
  DAILY: { tr: 'Günlük', en: 'Daily' },
  WEEKLY: { tr: 'Haftalık', en: 'Weekly' },
  MONTHLY: { tr: 'Aylık', en: 'Monthly' },
  QUARTERLY: { tr: 'Üç aylık', en: 'Quarterly' },
  BIANNUAL: { tr: 'Altı aylık', en: 'Semi-annual' },
  ANNUAL: { tr: 'Yıllık', en: 'Annual' },
  IRREG: { tr: 'Düzensiz', en: 'Irregular' },
  NEVER: { tr: 'Güncellenmez', en: 'Never' },
  UNKNOWN: { tr: 'Bilinmiyor', en: 'Unknown' },
};

export const DATA_THEME_SCHEME = `${EU_AUTHORITY}/data-theme`;
export const dataTheme = (code: string) => `${EU_AUTHORITY}/data-theme/${code}`;
export const frequency = (code: string) => `${EU_AUTHORITY}/frequency/${code}`;
export const fileType = (code: string) => `${EU_AUTHORITY}/file-type/${code}`;
