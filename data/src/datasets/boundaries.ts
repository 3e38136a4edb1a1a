import type { DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, KBS_OFFICE, column } from './common';

export const district: DatasetDefinition = {
  id: 'district',
  table: 'district',
  titleTr: 'Bağcılar ilçe sınırı',
  titleEn: 'Bağcılar district boundary',
  descriptionTr: 'Bağcılar ilçesinin sınırı (yaklaşık, sadeleştirilmiş).',
  descriptionEn: 'The boundary of Bağcılar district (approximate, simplified).',
  theme: 'REGI',
  keywords: ['sınır', 'ilçe', 'boundary'],
  licence: CC_BY_4,
  publisher: KBS_OFFICE,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'IRREG',
  idColumn: 'code',
  geometryType: 'MultiPolygon',
  columns: [
    column('code', 'text', 'İlçe kodu', 'District code'),
    column('name', 'text', 'İlçe adı', 'District name'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};

export const neighbourhoods: DatasetDefinition = {
  id: 'neighbourhoods',
  table: 'neighbourhoods',
  titleTr: 'Mahalle sınırları ve nüfusları',
  titleEn: 'Neighbourhood (mahalle) boundaries and populations',
  descriptionTr:
    "Bağcılar'ın 22 mahallesi: UAVT kodu, adı, eski adları ve 2023 nüfusu (TÜİK ADNKS). Sınırlar yaklaşıktır, temsilî noktalardan üretilmiştir — resmî sınır değildir.",
  descriptionEn:
    'The 22 mahalle of Bağcılar: UAVT code, name, former names and 2023 population (TÜİK ADNKS). Boundaries are approximate, generated from representative points — not official boundaries.',
  theme: 'REGI',
  keywords: ['mahalle', 'nüfus', 'sınır', 'UAVT', 'neighbourhood', 'population'],
  licence: CC_BY_4,
  publisher: KBS_OFFICE,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'ANNUAL',
  idColumn: 'uavt_code',
  geometryType: 'MultiPolygon',
  columns: [
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code', 'public', {
      descriptionTr: 'Ulusal Adres Veri Tabanı kodu; adlar değişse de değişmez.',
      descriptionEn: 'National Address Database code; stable when names change.',
    }),
    column('name', 'text', 'Mahalle adı', 'Name'),
    column('former_names', 'text[]', 'Eski adları', 'Former names'),
    column('district_code', 'text', 'İlçe kodu', 'District code'),
    column('population', 'integer', 'Nüfus', 'Population', 'public', { unit: 'kişi / persons' }),
    column('population_year', 'integer', 'Nüfus yılı', 'Population year'),
    column('area_km2', 'double', 'Alan', 'Area', 'public', { unit: 'km²' }),
    column('boundary_note', 'text', 'Sınır notu', 'Boundary note'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};
