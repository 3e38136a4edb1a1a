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
  basemapNone: { tr: 'Yok', en: 'None' },
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

/** Any registered string by key, in the current language; an unknown key is shown as it is. */
export function translate(key: string): string {
  return (STRINGS as Record<string, Record<Language, string>>)[key]?.[current] ?? extraStrings[key]?.[current] ?? key;
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
