import { EU_AUTHORITY as EU } from '../euVocabularies';

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

export { DATA_THEME_SCHEME, dataTheme, fileType, frequency } from '../euVocabularies';
export const language = (code: 'TUR' | 'ENG') => `${EU}/language/${code}`;
/** IANA media type URIs (parameters such as charset dropped). */
export const ianaMediaType = (mediaType: string) => `https://www.iana.org/assignments/media-types/${mediaType.split(';')[0]!.trim()}`;

/** OGC API – Features – Part 1: Core, the standard the access service conforms to. */
export const OGC_API_FEATURES = 'http://www.opengis.net/doc/IS/ogcapi-features-1/1.0';

export { DATA_THEMES } from '../euVocabularies';
