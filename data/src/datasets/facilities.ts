import type { DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, column } from './common';

export const facilities: DatasetDefinition = {
  id: 'facilities',
  table: 'facilities',
  titleTr: 'Tesisler ve kent donatıları',
  titleEn: 'Facilities and city assets',
  descriptionTr:
    'Okullar, sağlık merkezleri, parklar, camiler, kütüphaneler, spor ve kültür tesisleri, sosyal hizmet birimleri, Wi-Fi noktaları, güvenlik kameraları, dijital ekranlar ve deprem toplanma alanları (sentetik demo).',
  descriptionEn:
    'Schools, health centres, parks, mosques, libraries, sports and culture venues, social services, Wi-Fi points, security cameras, digital screens and earthquake assembly areas (synthetic demo).',
  theme: 'REGI',
  keywords: ['tesis', 'okul', 'park', 'sağlık', 'toplanma alanı', 'facility', 'school', 'park'],
  licence: CC_BY_4,
  publisher: 'Emlak ve İstimlak Müdürlüğü',
  contactEmail: KBS_CONTACT,
  updateFrequency: 'MONTHLY',
  idColumn: 'id',
  geometryType: 'Point',
  columns: [
    column('id', 'text', 'Tesis no', 'Facility id'),
    column('category', 'text', 'Kategori', 'Category'),
    column('name', 'text', 'Adı', 'Name'),
    column('address', 'text', 'Adres', 'Address'),
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code'),
    column('attributes', 'jsonb', 'Öznitelikler', 'Attributes'),
    column('source', 'text', 'Kaynak', 'Source'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};
