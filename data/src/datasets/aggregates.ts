import { SMALL_COUNT_THRESHOLD, type DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, KBS_OFFICE, column } from './common';

/**
 * The public face of the citizen requests: counts only, derived by the ETL from `citizen_requests`
 * each time that dataset gets a new version (etl/src/derive), never loaded from a file.
 */
export const citizenRequestCounts: DatasetDefinition = {
  id: 'citizen_request_counts',
  table: 'citizen_request_counts',
  titleTr: 'Vatandaş başvuruları: mahalle, kategori ve aya göre sayılar',
  titleEn: 'Citizen requests: counts by mahalle, category and month',
  descriptionTr:
    `Her ay için mahalle × kategori başvuru sayıları, mahalle ve kategori toplamlarıyla (uavt_code veya category "all": toplam; uavt_code "unknown": mahallesi bilinmeyen başvurular). Kişisel verilerin korunması için ${SMALL_COUNT_THRESHOLD}'ten küçük sayılar gizlenir (boş); toplamlardan geri hesaplanamamaları için gerektiğinde başka hücreler de gizlenir. Kayıt düzeyindeki başvurulardan türetilir.`,
  descriptionEn:
    `Requests per month by mahalle × category, with mahalle and category totals (uavt_code or category "all": the total; uavt_code "unknown": requests without a mahalle). To protect personal data, counts under ${SMALL_COUNT_THRESHOLD} are suppressed (empty), and further cells where needed so that no suppressed count can be worked out from the totals. Derived from the record-level requests.`,
  theme: 'GOVE',
  keywords: ['başvuru', 'şikâyet', 'talep', 'mahalle', 'istatistik', 'request', 'statistics'],
  licence: CC_BY_4,
  publisher: 'Basın Yayın ve Halkla İlişkiler Müdürlüğü',
  contactEmail: KBS_CONTACT,
  updateFrequency: 'DAILY',
  idColumn: 'id',
  geometryType: 'MultiPolygon',
  temporalColumn: 'month',
  columns: [
    column('id', 'text', 'Kayıt no', 'Record id', 'public', { descriptionTr: 'ay/mahalle/kategori', descriptionEn: 'month/mahalle/category' }),
    column('month', 'date', 'Ay', 'Month', 'public', { descriptionTr: 'Ayın ilk günü (İstanbul saati)', descriptionEn: 'First day of the month (Istanbul time)' }),
    column('uavt_code', 'text', 'UAVT mahalle kodu', 'UAVT neighbourhood code', 'public', { descriptionTr: '"all": ilçe toplamı; "unknown": mahallesi bilinmeyen', descriptionEn: '"all": the district total; "unknown": no mahalle' }),
    column('mahalle', 'text', 'Mahalle', 'Mahalle'),
    column('category', 'text', 'Kategori', 'Category', 'public', { descriptionTr: '"all": tüm kategoriler', descriptionEn: '"all": every category' }),
    column('request_count', 'integer', 'Başvuru sayısı', 'Requests', 'public', {
      unit: 'başvuru / requests',
      descriptionTr: `Boş: gizlendi (${SMALL_COUNT_THRESHOLD}'ten küçük ya da ondan geri hesaplanabilir)`,
      descriptionEn: `Empty: suppressed (under ${SMALL_COUNT_THRESHOLD}, or it would give one away)`,
    }),
  ],
  published: true,
  access: 'public',
  synthetic: true,
  keepVersions: 3,
};

/** Views and downloads of the portal's datasets per month (portal.usage), derived by the ETL. */
export const portalUsage: DatasetDefinition = {
  id: 'portal_usage',
  table: 'portal_usage',
  titleTr: 'Açık veri portalı kullanım istatistikleri',
  titleEn: 'Open data portal usage statistics',
  descriptionTr: 'Yayımlanan her veri seti için aylık görüntülenme ve indirme sayıları. Platform her başladığında ve "pnpm etl derive portal_usage" komutuyla yenilenir.',
  descriptionEn: 'Monthly views and downloads of every published dataset. Refreshed whenever the platform starts and by "pnpm etl derive portal_usage".',
  theme: 'GOVE',
  keywords: ['açık veri', 'kullanım', 'indirme', 'istatistik', 'open data', 'usage', 'downloads'],
  licence: CC_BY_4,
  publisher: KBS_OFFICE,
  contactEmail: KBS_CONTACT,
  updateFrequency: 'DAILY',
  idColumn: 'id',
  geometryType: null,
  temporalColumn: 'month',
  columns: [
    column('id', 'text', 'Kayıt no', 'Record id', 'public', { descriptionTr: 'veri seti/ay', descriptionEn: 'dataset/month' }),
    column('dataset_id', 'text', 'Veri seti', 'Dataset'),
    column('month', 'date', 'Ay', 'Month', 'public', { descriptionTr: 'Ayın ilk günü (UTC)', descriptionEn: 'First day of the month (UTC)' }),
    column('views', 'bigint', 'Görüntülenme', 'Views', 'public', { unit: 'görüntülenme / views' }),
    column('downloads', 'bigint', 'İndirme', 'Downloads', 'public', { unit: 'indirme / downloads' }),
  ],
  published: true,
  access: 'public',
  synthetic: false,
  keepVersions: 3,
};
