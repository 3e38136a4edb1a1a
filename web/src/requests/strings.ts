/** Names of the request channels and categories (codes of the citizen_requests dataset), Turkish first. */
import { addStrings } from '../i18n';

addStrings({
  request_channel_e_devlet: { tr: 'e-Devlet', en: 'e-Devlet' },
  request_channel_acikkapi: { tr: 'Açıkkapı', en: 'Açıkkapı' },
  request_channel_web_form: { tr: 'Web formu', en: 'Web form' },
  request_channel_ibb_crm: { tr: 'İBB CRM', en: 'İBB CRM' },
  request_channel_call_centre: { tr: 'Çağrı merkezi', en: 'Call centre' },
  request_channel_in_person: { tr: 'Yüz yüze', en: 'In person' },
  request_category_cleaning: { tr: 'Temizlik', en: 'Cleaning' },
  request_category_road_pavement: { tr: 'Yol ve kaldırım', en: 'Roads and pavements' },
  request_category_parks_gardens: { tr: 'Park ve bahçeler', en: 'Parks and gardens' },
  request_category_lighting: { tr: 'Aydınlatma', en: 'Lighting' },
  request_category_traffic: { tr: 'Trafik', en: 'Traffic' },
  request_category_noise: { tr: 'Gürültü', en: 'Noise' },
  request_category_zoning: { tr: 'İmar', en: 'Zoning' },
  request_category_social_aid: { tr: 'Sosyal yardım', en: 'Social aid' },
  request_category_veterinary: { tr: 'Veteriner', en: 'Veterinary' },
  request_category_water_drainage: { tr: 'Su ve kanal', en: 'Water and drainage' },
  request_category_other: { tr: 'Diğer', en: 'Other' },
});
