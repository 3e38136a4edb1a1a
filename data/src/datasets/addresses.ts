import type { DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, column } from './common';

/** Street numbering (numarataj) is kept by the planning department and reported to the UAVT register. */
const NUMBERING = 'İmar ve Şehircilik Müdürlüğü';

// Building addresses are public in Turkey (UAVT, adres.nvi.gov.tr): a street, a door number and a
// position name no person, so every column is public. Who lives at an address is never part of it.

export const streets: DatasetDefinition = {
  id: 'streets',
  table: 'streets',
  titleTr: 'Cadde ve sokaklar',
  titleEn: 'Streets',
  descriptionTr: 'Mahalle mahalle cadde, sokak ve bulvarların adları ve eksenleri; adres aramasının ikinci adımı (sentetik demo).',
  descriptionEn: 'Names and centre lines of the avenues, streets and boulevards of each mahalle; the second step of the address search (synthetic demo).',
  theme: 'REGI',
  keywords: ['adres', 'sokak', 'cadde', 'numarataj', 'UAVT', 'address', 'street'],
  licence: CC_BY_4,
  publisher: NUMBERING,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'MONTHLY',
  idColumn: 'id',
  geometryType: 'MultiLineString',
  columns: [
    column('id', 'text', 'Yol kodu', 'Street code'),
    column('name', 'text', 'Adı', 'Name'),
    column('kind', 'text', 'Türü', 'Kind', 'public', { descriptionTr: 'cadde, sokak, bulvar', descriptionEn: 'avenue (cadde), street (sokak), boulevard (bulvar)' }),
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};

export const addresses: DatasetDefinition = {
  id: 'addresses',
  table: 'addresses',
  titleTr: 'Bina adresleri (kapı numaraları)',
  titleEn: 'Building addresses (door numbers)',
  descriptionTr: 'Her binanın mahallesi, caddesi veya sokağı, dış kapı numarası ve konumu; kişi bilgisi içermez (sentetik demo).',
  descriptionEn: 'The mahalle, street, door number and position of every building; no personal data (synthetic demo).',
  theme: 'REGI',
  keywords: ['adres', 'bina', 'kapı numarası', 'numarataj', 'UAVT', 'address', 'building'],
  licence: CC_BY_4,
  publisher: NUMBERING,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'MONTHLY',
  idColumn: 'id',
  geometryType: 'Point',
  columns: [
    column('id', 'text', 'Adres kodu', 'Address code'),
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code'),
    column('street_id', 'text', 'Yol kodu', 'Street code'),
    column('street_name', 'text', 'Cadde / sokak', 'Street'),
    column('door_number', 'text', 'Dış kapı no', 'Door number'),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};
