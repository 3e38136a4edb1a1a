import type { DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, column } from './common';

export const citizenRequests: DatasetDefinition = {
  id: 'citizen_requests',
  table: 'citizen_requests',
  titleTr: 'Vatandaş başvuruları (kayıt düzeyi)',
  titleEn: 'Citizen requests (record level)',
  descriptionTr:
    'e-Devlet, Açıkkapı, web formu, İBB CRM, çağrı merkezi ve yüz yüze alınan başvurular: kategori, durum, açılış/kapanış zamanı, birim, mahalle ve konum. Kayıt düzeyi yalnızca personele açıktır; kamuya toplulaştırılmış hâli yayımlanır.',
  descriptionEn:
    'Requests taken through e-Devlet, Açıkkapı, the web form, İBB CRM, the call centre and in person: category, status, open/close times, department, mahalle and location. Record level is for staff only; the public gets aggregates.',
  theme: 'GOVE',
  keywords: ['başvuru', 'şikâyet', 'talep', 'request', 'complaint'],
  licence: CC_BY_4,
  publisher: 'Basın Yayın ve Halkla İlişkiler Müdürlüğü',
  contactEmail: KBS_CONTACT,
  updateFrequency: 'DAILY',
  idColumn: 'id',
  geometryType: 'Point',
  temporalColumn: 'opened_at',
  columns: [
    column('id', 'text', 'Başvuru no', 'Request id', 'internal'),
    column('channel', 'text', 'Kanal', 'Channel', 'internal'),
    column('category', 'text', 'Kategori', 'Category', 'internal'),
    column('status', 'text', 'Durum', 'Status', 'internal'),
    column('opened_at', 'timestamptz', 'Açılış zamanı', 'Opened at', 'internal'),
    column('closed_at', 'timestamptz', 'Kapanış zamanı', 'Closed at', 'internal'),
    column('department', 'text', 'Birim', 'Department', 'internal'),
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code', 'internal'),
  ],
  published: false,
  access: 'internal',
  synthetic: true,
  keepVersions: 3,
};

export const citizenRequestApplicants: DatasetDefinition = {
  id: 'citizen_request_applicants',
  table: 'citizen_request_applicants',
  titleTr: 'Başvuru sahipleri (kişisel veri)',
  titleEn: 'Request applicants (personal data)',
  descriptionTr: 'Başvuru sahibinin adı, telefonu, T.C. kimlik numarası ve başvuru metni. KVKK kapsamında kişisel veridir; yalnızca yetkili roller görebilir.',
  descriptionEn: "The applicant's name, phone, national id and free text. Personal data under KVKK; only privileged roles may read it.",
  theme: 'GOVE',
  keywords: ['kişisel veri', 'KVKK'],
  licence: CC_BY_4,
  publisher: 'Basın Yayın ve Halkla İlişkiler Müdürlüğü',
  contactEmail: KBS_CONTACT,
  updateFrequency: 'DAILY',
  idColumn: 'request_id',
  geometryType: null,
  columns: [
    column('request_id', 'text', 'Başvuru no', 'Request id', 'personal'),
    column('applicant_name', 'text', 'Ad soyad', 'Name', 'personal'),
    column('applicant_phone', 'text', 'Telefon', 'Phone', 'personal'),
    column('applicant_national_id', 'text', 'T.C. kimlik no', 'National id', 'personal'),
    column('description', 'text', 'Başvuru metni', 'Free text', 'personal'),
  ],
  published: false,
  access: 'personal',
  synthetic: true,
  keepVersions: 3,
};
