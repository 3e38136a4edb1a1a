import { addStrings } from '../i18n';

/** The search's UI strings, Turkish first, English second (registered with the app's i18n). */
addStrings({
  searchNone: { tr: 'Sonuç yok', en: 'No results' },
  searchFailed: { tr: 'Arama yapılamadı', en: 'The search failed' },
  searchCount: { tr: '{n} sonuç; seçmek için ok tuşları ve Enter', en: '{n} results; arrow keys and Enter to choose' },
  searchKind_neighbourhood: { tr: 'Mahalle', en: 'Mahalle' },
  searchKind_street: { tr: 'Cadde / sokak', en: 'Street' },
  searchKind_facility: { tr: 'Tesis', en: 'Facility' },
  searchKind_address: { tr: 'Bina', en: 'Building' },
  addressTitle: { tr: 'Adres bul', en: 'Find an address' },
  addressMahalle: { tr: 'Mahalle', en: 'Mahalle' },
  addressStreet: { tr: 'Cadde / sokak', en: 'Street' },
  addressDoor: { tr: 'Dış kapı no', en: 'Door number' },
  addressChoose: { tr: 'Seçin…', en: 'Choose…' },
  addressClose: { tr: 'Kapat', en: 'Close' },
  addressFailed: { tr: 'Adres verisi alınamadı.', en: 'Could not load the addresses.' },
});
