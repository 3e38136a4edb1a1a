/* The profile's UI strings (Turkish first), registered with i18n when the profile code loads. */
import { addStrings } from '../i18n';

export const PROFILE_STRINGS = {
  profileYear: { tr: 'Yıl', en: 'Year' },
  profileFormerNames: { tr: 'Eski adları', en: 'Former names' },
  profileArea: { tr: 'Alan (km²)', en: 'Area (km²)' },
  profileSwitch: { tr: 'Mahalle', en: 'Mahalle' },
  profilePyramid: { tr: 'Nüfus piramidi', en: 'Population pyramid' },
  profilePyramidLabel: { tr: 'Yaş grubu ve cinsiyete göre nüfus', en: 'Population by age group and sex' },
  profileMale: { tr: 'Erkek', en: 'Male' },
  profileFemale: { tr: 'Kadın', en: 'Female' },
  profileTrends: { tr: 'Yıllara göre', en: 'Over the years' },
  profileTrendLegend: { tr: 'Düz çizgi: mahalle; kesikli çizgi: medyan mahalle', en: 'Solid line: this mahalle; dashed line: the median mahalle' },
  profileFacilities: { tr: 'Tesisler', en: 'Facilities' },
  profileCategory: { tr: 'Kategori', en: 'Category' },
  profileHere: { tr: 'Mahallede', en: 'In the mahalle' },
  profileDistrictTotal: { tr: 'İlçede', en: 'In the district' },
  profileRequests: { tr: 'Vatandaş başvuruları', en: 'Citizen requests' },
  profileRequestsLast12: { tr: 'Son 12 ayda', en: 'In the last 12 months' },
  profileRequestsMonthly: { tr: 'Aylık başvuru sayısı', en: 'Requests per month' },
  profileRequestsPublic: {
    tr: 'Yayımlanan toplu veriden (citizen_request_counts); 5’ten küçük aylar gizlidir.',
    en: 'From the published aggregate (citizen_request_counts); months under 5 are suppressed.',
  },
  profileRequestsSuppressed: { tr: 'gizli', en: 'suppressed' },
  profileRequestsNone: { tr: 'Yayımlanmış başvuru verisi yok.', en: 'No published request figures.' },
  profileComparison: { tr: 'İlçe ile karşılaştırma', en: 'Compared with the district' },
  profileCompareWith: { tr: 'Karşılaştırılacak mahalle', en: 'Compare with mahalle' },
  profileIndicator: { tr: 'Gösterge', en: 'Indicator' },
  profileMedian: { tr: 'Medyan mahalle', en: 'Median mahalle' },
  profileDistrict: { tr: 'İlçe', en: 'District' },
  profileDistrictNote: {
    tr: 'İlçe: sayılarda toplam, oran ve ortalamalarda nüfusa göre ağırlıklı ortalama. Sentetik göstergeler demo verisidir.',
    en: 'District: the total for counts, the population-weighted mean for rates and averages. Synthetic indicators are demo data.',
  },
} as const;

addStrings(PROFILE_STRINGS);

export type ProfileStringKey = keyof typeof PROFILE_STRINGS;
