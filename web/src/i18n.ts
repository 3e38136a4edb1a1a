/** Every UI string, Turkish first, English second. Mahalle names are proper nouns and stay as they are. */
export type Language = 'tr' | 'en';
export const LANGUAGES: readonly Language[] = ['tr', 'en'];

const STRINGS = {
  title: { tr: 'Bağcılar Kent Bilgi Sistemi', en: 'Bağcılar City Information System' },
  languageGroup: { tr: 'Dil', en: 'Language' },
  mapLabel: { tr: 'Bağcılar mahalle haritası', en: 'Map of the Bağcılar neighbourhoods' },
  loading: { tr: 'Mahalleler yükleniyor…', en: 'Loading neighbourhoods…' },
  loadFailed: { tr: 'Mahalle verisi alınamadı.', en: 'Could not load the neighbourhoods.' },
  labelsFailed: { tr: 'Mahalle adları gösterilemiyor.', en: 'Could not show the neighbourhood names.' },
  population: { tr: 'Nüfus', en: 'Population' },
  area: { tr: 'Alan', en: 'Area' },
  basemap: { tr: 'Altlık', en: 'Base map' },
  basemapOffline: { tr: 'Sade (çevrimdışı)', en: 'Plain (offline)' },
  exportMap: { tr: 'Dışa aktar', en: 'Export' },
  adminTitle: { tr: 'Yönetim', en: 'Administration' },
  signIn: { tr: 'Giriş', en: 'Sign in' },
  signOut: { tr: 'Çıkış', en: 'Sign out' },
  signInFailed: { tr: 'Kullanıcı adı veya parola yanlış.', en: 'Wrong user name or password.' },
  adminOnly: { tr: 'Bu sayfa yöneticiler içindir.', en: 'This page is for administrators.' },
  username: { tr: 'Kullanıcı adı', en: 'User name' },
  password: { tr: 'Parola (en az 12 karakter)', en: 'Password (12 characters or more)' },
  displayName: { tr: 'Ad', en: 'Name' },
  role: { tr: 'Rol', en: 'Role' },
  datasets: { tr: 'Veri setleri', en: 'Datasets' },
  datasetsHint: { tr: 'Veri setleri (virgülle)', en: 'Datasets (comma-separated)' },
  state: { tr: 'Durum', en: 'State' },
  active: { tr: 'Etkin', en: 'Active' },
  disabled: { tr: 'Devre dışı', en: 'Disabled' },
  revoked: { tr: 'İptal edildi', en: 'Revoked' },
  disable: { tr: 'Devre dışı bırak', en: 'Disable' },
  enable: { tr: 'Etkinleştir', en: 'Enable' },
  revoke: { tr: 'İptal et', en: 'Revoke' },
  users: { tr: 'Kullanıcılar', en: 'Users' },
  addUser: { tr: 'Kullanıcı ekle', en: 'Add user' },
  apiKeys: { tr: 'API anahtarları', en: 'API keys' },
  prefix: { tr: 'Önek', en: 'Prefix' },
  keyName: { tr: 'Ad', en: 'Name' },
  expires: { tr: 'Bitiş', en: 'Expires' },
  days: { tr: 'Gün', en: 'Days' },
  createKey: { tr: 'Anahtar oluştur', en: 'Create key' },
  keyOnce: { tr: 'Bu anahtar yalnızca şimdi gösterilir:', en: 'This key is shown only now:' },
  audit: { tr: 'Denetim kaydı', en: 'Audit log' },
  exportCsv: { tr: 'CSV olarak indir', en: 'Download as CSV' },
  time: { tr: 'Zaman', en: 'Time' },
  actor: { tr: 'Kim', en: 'Who' },
  action: { tr: 'İşlem', en: 'Action' },
  target: { tr: 'Hedef', en: 'Target' },
  address: { tr: 'Adres', en: 'Address' },
  outcome: { tr: 'Sonuç', en: 'Outcome' },
  saved: { tr: 'Kaydedildi.', en: 'Saved.' },
  staffOnly: { tr: 'Bu sayfa belediye personeli içindir.', en: 'This page is for municipal staff.' },
  publishing: { tr: 'Yayımlama', en: 'Publishing' },
  publishingHint: {
    tr: 'Birim editörleri üst veri taslağı yazar; yayımcı onaylar. Yayından kaldırılan veri setinin adresleri nedeniyle birlikte 410 yanıtı verir.',
    en: 'Department editors draft metadata; a publisher approves it. An unpublished dataset keeps its URLs, which answer 410 with the reason.',
  },
  dataset: { tr: 'Veri seti', en: 'Dataset' },
  completeness: { tr: 'Doluluk', en: 'Completeness' },
  draft: { tr: 'Taslak', en: 'Draft' },
  published: { tr: 'Yayında', en: 'Published' },
  notPublished: { tr: 'Yayında değil', en: 'Not published' },
  unpublished: { tr: 'Yayından kaldırıldı', en: 'Unpublished' },
  edit: { tr: 'Düzenle', en: 'Edit' },
  approve: { tr: 'Taslağı onayla', en: 'Approve the draft' },
  discard: { tr: 'Taslağı sil', en: 'Discard the draft' },
  publish: { tr: 'Yayımla', en: 'Publish' },
  unpublish: { tr: 'Yayından kaldır', en: 'Unpublish' },
  unpublishReason: { tr: 'Kaldırma nedeni (en az 10 karakter)', en: 'Reason (10 characters or more)' },
  saveDraft: { tr: 'Taslağı kaydet', en: 'Save the draft' },
  cancel: { tr: 'Vazgeç', en: 'Cancel' },
  titleTr: { tr: 'Başlık (Türkçe)', en: 'Title (Turkish)' },
  titleEn: { tr: 'Başlık (İngilizce)', en: 'Title (English)' },
  descriptionTr: { tr: 'Açıklama (Türkçe)', en: 'Description (Turkish)' },
  descriptionEn: { tr: 'Açıklama (İngilizce)', en: 'Description (English)' },
  keywords: { tr: 'Anahtar kelimeler (virgülle)', en: 'Keywords (comma-separated)' },
  theme: { tr: 'Tema', en: 'Theme' },
  licence: { tr: 'Lisans (URI)', en: 'Licence (URI)' },
  publisherField: { tr: 'Yayımlayan birim', en: 'Publishing department' },
  contactEmail: { tr: 'İletişim e-postası', en: 'Contact e-mail' },
  updateFrequency: { tr: 'Güncelleme sıklığı', en: 'Update frequency' },
  missing: { tr: 'Eksik', en: 'Missing' },
  twinPanel: { tr: 'Dijital ikiz: 360° panorama', en: 'Digital twin: 360° panorama' },
  twinOpen: { tr: 'Harita merkezine en yakın 360° panoramayı aç', en: 'Open the 360° panorama nearest the map centre' },
  twinClose: { tr: 'Kapat', en: 'Close' },
  twinPrevious: { tr: 'Önceki', en: 'Previous' },
  twinNext: { tr: 'Sonraki', en: 'Next' },
  twinPreviousLabel: { tr: 'Güzergâhta önceki çekim (aşağı ok)', en: 'Previous capture along the route (down arrow)' },
  twinNextLabel: { tr: 'Güzergâhta sonraki çekim (yukarı ok)', en: 'Next capture along the route (up arrow)' },
  twinDate: { tr: 'Çekim tarihi', en: 'Capture date' },
  twinHeading: { tr: 'Yön', en: 'Heading' },
  twinViewer: {
    tr: '360° panorama. Sol ve sağ ok döndürür, yukarı ve aşağı ok güzergâhta ilerler, artı ve eksi yakınlaştırır, Esc kapatır.',
    en: '360° panorama. Left and right arrows turn, up and down arrows move along the route, plus and minus zoom, Esc closes.',
  },
  twinLoading: { tr: 'Panorama yükleniyor…', en: 'Loading the panorama…' },
  twinNotFound: { tr: 'Bu çekim bulunamadı ya da yayında değil.', en: 'This capture does not exist or is not published.' },
  twinNoneNearby: { tr: 'Yakında çekim yok.', en: 'No capture nearby.' },
  twinNoOtherDate: { tr: 'Bu noktada o tarihte çekim yok.', en: 'No capture here at that date.' },
  twinFailed: { tr: 'Panorama gösterilemedi.', en: 'Could not show the panorama.' },
  layers: { tr: 'Katmanlar', en: 'Layers' },
  layerPanel: { tr: 'Katman paneli', en: 'Layer panel' },
  layerChoropleth: { tr: 'Tematik harita', en: 'Thematic map' },
  layerBoundaries: { tr: 'Mahalle sınırları', en: 'Mahalle boundaries' },
  layerLabels: { tr: 'Mahalle adları', en: 'Mahalle names' },
  layerFacilities: { tr: 'Tesisler', en: 'Facilities' },
  layerRequests: { tr: 'Vatandaş talepleri', en: 'Citizen requests' },
  requestsDisplay: { tr: 'Gösterim', en: 'Display' },
  requestsHeatmap: { tr: 'Isı haritası', en: 'Heatmap' },
  requestsHexagon: { tr: 'Altıgenler', en: 'Hexagons' },
  requestsH3: { tr: 'H3 hücreleri', en: 'H3 cells' },
  requestsFrom: { tr: 'Başlangıç', en: 'From' },
  requestsTo: { tr: 'Bitiş', en: 'To' },
  requestsChannels: { tr: 'Kanal', en: 'Channel' },
  requestsCategories: { tr: 'Kategori', en: 'Category' },
  requestsShown: { tr: 'talep gösteriliyor', en: 'requests shown' },
  requestsLoading: { tr: 'Talepler yükleniyor…', en: 'Loading requests…' },
  requestsFailed: { tr: 'Talepler alınamadı.', en: 'Could not load the requests.' },
  requestsStaffOnly: { tr: 'Talep noktaları yalnızca yetkili personele açıktır.', en: 'Request points are for authorised staff only.' },
  requestsPublicCounts: { tr: 'Mahalle ve aya göre talep sayıları (açık veri)', en: 'Request counts by mahalle and month (open data)' },
  show: { tr: 'Göster', en: 'Show' },
  opacity: { tr: 'Saydamlık', en: 'Opacity' },
  moveUp: { tr: 'Yukarı taşı', en: 'Move up' },
  moveDown: { tr: 'Aşağı taşı', en: 'Move down' },
  indicator: { tr: 'Gösterge', en: 'Indicator' },
  populationDensity: { tr: 'Nüfus yoğunluğu (kişi/km²)', en: 'Population density (residents/km²)' },
  year: { tr: 'Yıl', en: 'Year' },
  play: { tr: 'Oynat', en: 'Play' },
  pause: { tr: 'Duraklat', en: 'Pause' },
  normalisation: { tr: 'Oran', en: 'Normalisation' },
  normNone: { tr: 'Ham değer', en: 'Raw value' },
  normKm2: { tr: 'km² başına', en: 'Per km²' },
  normPer1000: { tr: '1.000 kişi başına', en: 'Per 1,000 residents' },
  method: { tr: 'Sınıflama', en: 'Classification' },
  methodQuantile: { tr: 'Eşit sayılı (kantil)', en: 'Quantile' },
  methodEqual: { tr: 'Eşit aralıklı', en: 'Equal interval' },
  methodJenks: { tr: 'Doğal kırılmalar (Jenks)', en: 'Natural breaks (Jenks)' },
  methodStddev: { tr: 'Standart sapma', en: 'Standard deviation' },
  methodManual: { tr: 'Elle', en: 'Manual' },
  classes: { tr: 'Sınıf sayısı', en: 'Classes' },
  scheme: { tr: 'Renk dizisi', en: 'Colour scheme' },
  manualBreaks: { tr: 'Sınırlar (noktalı virgülle)', en: 'Breaks (separated by ;)' },
  extrude: { tr: '3B yükselti', en: '3D extrusion' },
  noData: { tr: 'Veri yok', en: 'No data' },
  legend: { tr: 'Lejant', en: 'Legend' },
  count: { tr: 'adet', en: 'count' },
  savedMaps: { tr: 'Kayıtlı haritalar', en: 'Saved maps' },
  mapName: { tr: 'Harita adı', en: 'Map name' },
  sharedMap: { tr: 'Paylaşılsın', en: 'Shared' },
  saveMap: { tr: 'Kaydet', en: 'Save' },
  openMap: { tr: 'Aç', en: 'Open' },
  signInToSave: { tr: 'Harita kaydetmek için giriş yapın.', en: 'Sign in to save maps.' },
  saveFailed: { tr: 'Kaydedilemedi.', en: 'Could not save.' },
  openFailed: { tr: 'Harita açılamadı.', en: 'Could not open the map.' },
  sharedBy: { tr: 'paylaşan', en: 'shared by' },
  thematicFailed: { tr: 'Gösterge verisi alınamadı.', en: 'Could not load the indicator.' },
  featureClose: { tr: 'Paneli kapat (Esc)', en: 'Close the panel (Esc)' },
  featureLoading: { tr: 'Öznitelikler yükleniyor…', en: 'Loading the attributes…' },
  featureLoadingProfile: { tr: 'Mahalle profili yükleniyor…', en: 'Loading the mahalle profile…' },
  featureFailed: { tr: 'Bilgiler alınamadı.', en: 'Could not load the details.' },
  featureProfileOpen: { tr: 'Harita merkezindeki mahallenin profilini aç', en: 'Open the profile of the mahalle at the map centre' },
  featureShowProfile: { tr: 'Mahalle profilini göster', en: 'Show the mahalle profile' },
  facility_school: { tr: 'Okul', en: 'School' },
  facility_health_centre: { tr: 'Aile sağlığı merkezi', en: 'Health centre' },
  facility_hospital: { tr: 'Hastane', en: 'Hospital' },
  facility_park: { tr: 'Park', en: 'Park' },
  facility_mosque: { tr: 'Cami', en: 'Mosque' },
  facility_library: { tr: 'Kütüphane', en: 'Library' },
  facility_sports: { tr: 'Spor tesisi', en: 'Sports' },
  facility_culture: { tr: 'Kültür merkezi', en: 'Culture' },
  facility_social_services: { tr: 'Sosyal hizmet', en: 'Social services' },
  facility_wifi_point: { tr: 'Wi-Fi noktası', en: 'Wi-Fi point' },
  facility_security_camera: { tr: 'Güvenlik kamerası', en: 'Security camera' },
  facility_digital_screen: { tr: 'Dijital ekran', en: 'Digital screen' },
  facility_assembly_area: { tr: 'Toplanma alanı', en: 'Assembly area' },
  facility_market_place: { tr: 'Semt pazarı', en: 'Market place' },
  placeSearch: { tr: 'Mahalle, sokak, tesis veya adres ara', en: 'Search a mahalle, street, facility or address' },
  placeSearchPlaceholder: { tr: 'Ara: mahalle, sokak, tesis…', en: 'Search: mahalle, street, facility…' },
  addressSearch: { tr: 'Adres', en: 'Address' },
  searchResults: { tr: 'Arama sonuçları', en: 'Search results' },
} as const satisfies Record<string, Record<Language, string>>;

export type StringKey = keyof typeof STRINGS;

/** MapLibre's own control strings (see maplibre-gl's default locale for the keys). */
const MAPLIBRE_LOCALE: Record<Language, Record<string, string>> = {
  tr: {
    'AttributionControl.ToggleAttribution': 'Kaynakları göster/gizle',
    'Map.Title': 'Harita',
    'NavigationControl.ResetBearing': 'Döndürmek için sürükleyin, kuzeye dönmek için tıklayın',
    'NavigationControl.ZoomIn': 'Yakınlaştır',
    'NavigationControl.ZoomOut': 'Uzaklaştır',
    'Popup.Close': 'Kapat',
  },
  en: {
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
    'Map.Title': 'Map',
    'NavigationControl.ResetBearing': 'Drag to rotate map, click to reset north',
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'Popup.Close': 'Close popup',
  },
};

const STORAGE_KEY = 'kbs.lang';
const listeners = new Set<(lang: Language) => void>();

function stored(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'tr';
  } catch {
    return 'tr'; // storage may be blocked; Turkish is the default
  }
}

let current: Language = stored();

export function language(): Language {
  return current;
}

/** Further dictionaries of a page (the portal's), read by `translate` and `data-i18n` like STRINGS. */
const extraStrings: Record<string, Record<Language, string>> = {};

export function addStrings(table: Record<string, Record<Language, string>>): void {
  Object.assign(extraStrings, table);
}

export function t(key: StringKey): string {
  return STRINGS[key][current];
}

/**
 * Any registered string by a key built at run time (e.g. `facility_${category}`), in the current
 * language; the fallback (the key itself unless given) when there is none.
 */
export function translate(key: string, fallback = key): string {
  return (STRINGS as Record<string, Record<Language, string>>)[key]?.[current] ?? extraStrings[key]?.[current] ?? fallback;
}

export function maplibreLocale(lang: Language = current): Record<string, string> {
  return MAPLIBRE_LOCALE[lang];
}

export function onLanguageChange(listener: (lang: Language) => void): void {
  listeners.add(listener);
}

/**
 * Switches the language: `data-i18n="key"` elements get the text, `data-i18n-label="key"` elements
 * the aria-label, `[data-lang]` buttons their pressed state; listeners redo what they drew.
 */
export function setLanguage(lang: Language, root: ParentNode = document): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered: fine
  }
  document.documentElement.lang = lang;
  document.title = document.body.classList.contains('admin-page') ? `${t('adminTitle')} — ${t('title')}` : t('title');
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = translate(el.dataset.i18n!);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', translate(el.dataset.i18nLabel!));
  });
  root.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
  listeners.forEach((listener) => listener(lang));
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(current === 'tr' ? 'tr-TR' : 'en-GB', options).format(value);
}
