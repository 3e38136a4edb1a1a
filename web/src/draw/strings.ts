/** The drawing tools' strings (Turkish first), registered with i18n so `data-i18n` and `translate` find them. */
import { addStrings, translate } from '../i18n';

const STRINGS = {
  drawTools: { tr: 'Çizim araçları', en: 'Drawing tools' },
  selectPolygon: { tr: 'Çokgenle alan seç', en: 'Select an area with a polygon' },
  selectCircle: { tr: 'Daireyle alan seç', en: 'Select an area with a circle' },
  measureLength: { tr: 'Mesafe ölç', en: 'Measure a distance' },
  measureArea: { tr: 'Alan ölç', en: 'Measure an area' },
  digitise: { tr: 'Sayısallaştır', en: 'Digitise' },
  addVertex: { tr: 'Merkeze nokta ekle', en: 'Add a point at the centre' },
  finish: { tr: 'Bitir', en: 'Finish' },
  close: { tr: 'Kapat', en: 'Close' },
  drawHint: {
    tr: 'Haritaya tıklayın ya da haritayı ok tuşlarıyla kaydırıp Boşluk ile artının altına nokta ekleyin; Enter bitirir, Esc vazgeçer.',
    en: 'Click the map, or pan it with the arrow keys and press Space to add a point under the cross; Enter finishes, Esc cancels.',
  },
  drawResults: { tr: 'Çizim sonuçları', en: 'Drawing results' },
  selectedArea: { tr: 'Seçilen alan', en: 'Selected area' },
  areaSize: { tr: 'Yüzölçümü', en: 'Area' },
  residents: { tr: 'Tahmini nüfus', en: 'Estimated residents' },
  facilitiesInArea: { tr: 'Tesisler', en: 'Facilities' },
  noFacilities: { tr: 'Bu alanda tesis yok.', en: 'No facilities in this area.' },
  requestsInArea: { tr: 'Vatandaş talepleri', en: 'Citizen requests' },
  requestsTotal: { tr: 'Toplam', en: 'Total' },
  suppressed: { tr: '5’ten az', en: 'fewer than 5' },
  clearSelection: { tr: 'Seçimi kaldır', en: 'Clear the selection' },
  loadingFigures: { tr: 'Hesaplanıyor…', en: 'Calculating…' },
  figuresFailed: { tr: 'Alan istatistikleri alınamadı.', en: 'Could not get the area statistics.' },
  distance: { tr: 'Mesafe', en: 'Distance' },
  measuredArea: { tr: 'Alan', en: 'Area' },
  perimeter: { tr: 'Çevre', en: 'Perimeter' },
  editableDataset: { tr: 'Düzenlenecek veri seti', en: 'Dataset to edit' },
  newFeature: { tr: 'Yeni obje çiz', en: 'Draw a new feature' },
  featuresOfDataset: { tr: 'Objeler', en: 'Features' },
  noFeatures: { tr: 'Henüz obje yok.', en: 'No features yet.' },
  editGeometry: { tr: 'Köşeleri sürükle', en: 'Drag the vertices' },
  redraw: { tr: 'Yeniden çiz', en: 'Draw again' },
  save: { tr: 'Kaydet', en: 'Save' },
  deleteFeature: { tr: 'Sil', en: 'Delete' },
  featureSaved: { tr: 'Kaydedildi.', en: 'Saved.' },
  featureDeleted: { tr: 'Silindi.', en: 'Deleted.' },
  editFailed: { tr: 'Kaydedilemedi', en: 'Could not save' },
  signInToDigitise: { tr: 'Sayısallaştırmak için giriş yapın', en: 'Sign in to digitise' },
  unnamed: { tr: 'Adsız', en: 'Unnamed' },
} as const;

export type DrawStringKey = keyof typeof STRINGS;

addStrings(STRINGS);

/** A drawing tool's string in the current language. */
export function d(key: DrawStringKey): string {
  return translate(key);
}
