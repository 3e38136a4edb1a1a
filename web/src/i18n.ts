/** UI strings: Turkish first, English second. */
export type Language = 'tr' | 'en';

const STRINGS = {
  title: { tr: 'Bağcılar Kent Bilgi Sistemi', en: 'Bağcılar City Information System' },
  loading: { tr: 'Mahalleler yükleniyor…', en: 'Loading neighbourhoods…' },
  loadFailed: { tr: 'Mahalle verisi alınamadı.', en: 'Could not load the neighbourhoods.' },
  population: { tr: 'Nüfus', en: 'Population' },
  area: { tr: 'Alan', en: 'Area' },
  mapLabel: { tr: 'Harita', en: 'Map' },
} as const;

export type StringKey = keyof typeof STRINGS;

let current: Language = (localStorage.getItem('kbs.lang') as Language | null) ?? 'tr';

export function language(): Language {
  return current;
}

export function t(key: StringKey): string {
  return STRINGS[key][current];
}

export function setLanguage(lang: Language): void {
  current = lang;
  localStorage.setItem('kbs.lang', lang);
  document.documentElement.lang = lang;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as StringKey);
  });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current === 'tr' ? 'tr-TR' : 'en-GB').format(value);
}
