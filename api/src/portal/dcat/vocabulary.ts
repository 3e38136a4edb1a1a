/** The vocabularies a DCAT-AP 3 document uses, and the EU controlled vocabularies it points into. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  adms: 'http://www.w3.org/ns/adms#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority';
export const DATA_THEME_SCHEME = `${EU}/data-theme`;
export const dataTheme = (code: string) => `${EU}/data-theme/${code}`;
export const frequency = (code: string) => `${EU}/frequency/${code}`;
export const fileType = (code: string) => `${EU}/file-type/${code}`;
export const language = (code: 'TUR' | 'ENG') => `${EU}/language/${code}`;
/** IANA media type URIs (parameters such as charset dropped). */
export const ianaMediaType = (mediaType: string) => `https://www.iana.org/assignments/media-types/${mediaType.split(';')[0]!.trim()}`;

/** OGC API – Features – Part 1: Core, the standard the access service conforms to. */
export const OGC_API_FEATURES = 'http://www.opengis.net/doc/IS/ogcapi-features-1/1.0';

/** Labels of the EU data themes (skos:prefLabel is mandatory on a theme in DCAT-AP 3). */
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
  TRAN: { tr: 'Ulaşım', en: 'Transport' },
};
