/** The export dialog's strings (loaded with it), Turkish first. */
import { addStrings } from '../i18n';

export const EXPORT_STRINGS = {
  exportTitle: { tr: 'Haritayı dışa aktar', en: 'Export the map' },
  exportMapTitle: { tr: 'Başlık', en: 'Title' },
  exportPng: { tr: 'PNG indir', en: 'Download PNG' },
  exportPrintPortrait: { tr: 'Yazdır: A4 dikey', en: 'Print: A4 portrait' },
  exportPrintLandscape: { tr: 'Yazdır: A4 yatay', en: 'Print: A4 landscape' },
  exportClose: { tr: 'Kapat', en: 'Close' },
  exportBusy: { tr: 'Hazırlanıyor…', en: 'Preparing…' },
  exportDone: { tr: 'Hazır.', en: 'Done.' },
  exportFailed: { tr: 'Dışa aktarılamadı.', en: 'The export failed.' },
  exportMapAlt: { tr: 'Harita', en: 'Map' },
  exportDefaultTitle: { tr: 'Bağcılar haritası', en: 'Map of Bağcılar' },
} as const;

export type ExportStringKey = keyof typeof EXPORT_STRINGS;

addStrings(EXPORT_STRINGS);
