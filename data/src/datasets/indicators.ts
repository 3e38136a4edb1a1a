import type { DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, KBS_OFFICE, column } from './common';

export const indicators: DatasetDefinition = {
  id: 'indicators',
  table: 'indicators',
  titleTr: 'Mahalle göstergeleri kataloğu',
  titleEn: 'Neighbourhood indicator catalogue',
  descriptionTr: 'Mahalle düzeyindeki göstergelerin kodları, adları, birimleri ve kaynakları.',
  descriptionEn: 'Codes, names, units and sources of the neighbourhood-level indicators.',
  theme: 'SOCI',
  keywords: ['gösterge', 'indicator', 'demografi'],
  licence: CC_BY_4,
  publisher: KBS_OFFICE,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'ANNUAL',
  idColumn: 'code',
  geometryType: null,
  columns: [
    column('code', 'text', 'Gösterge kodu', 'Indicator code'),
    column('name_tr', 'text', 'Adı (Türkçe)', 'Name (Turkish)'),
    column('name_en', 'text', 'Adı (İngilizce)', 'Name (English)'),
    column('unit', 'text', 'Birim', 'Unit'),
    column('topic', 'text', 'Konu', 'Topic'),
    column('source', 'text', 'Kaynak', 'Source'),
    column('synthetic', 'boolean', 'Sentetik mi', 'Synthetic'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};

export const indicatorValues: DatasetDefinition = {
  id: 'indicator_values',
  table: 'indicator_values',
  titleTr: 'Mahalle göstergeleri (demografi, eğitim, istihdam, hane, sosyo-kültürel)',
  titleEn: 'Neighbourhood indicators (demographics, education, employment, households, socio-cultural)',
  descriptionTr:
    'Mahalle, gösterge ve yıla göre değerler, 2019–2024. 2023 toplam nüfusu TÜİK ADNKS; diğer değerler sentetiktir (demo).',
  descriptionEn:
    'Values by mahalle, indicator and year, 2019–2024. The 2023 total population is TÜİK ADNKS; all other figures are synthetic (demo).',
  theme: 'SOCI',
  keywords: ['nüfus', 'demografi', 'eğitim', 'istihdam', 'hane', 'population', 'education', 'employment'],
  licence: CC_BY_4,
  publisher: KBS_OFFICE,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'ANNUAL',
  idColumn: 'id',
  geometryType: null,
  columns: [
    column('id', 'bigint', 'Kayıt no', 'Record id'),
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code'),
    column('indicator_code', 'text', 'Gösterge kodu', 'Indicator code'),
    column('year', 'integer', 'Yıl', 'Year'),
    column('value', 'double', 'Değer', 'Value'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};
