/** Turkish-looking name lists for synthetic records. Invented combinations; they belong to nobody. */

export const FIRST_NAMES = [
  'Ahmet', 'Mehmet', 'Mustafa', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Yusuf', 'Ömer', 'Murat', 'Emre', 'Burak',
  'Serkan', 'Çağlar', 'Oğuz', 'Tolga', 'Kemal', 'Recep', 'Halil', 'Eren', 'Berk', 'Yiğit', 'Barış',
  'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Şeyma', 'Merve', 'Büşra', 'Esra', 'Özge', 'Gülşen',
  'Sevgi', 'Derya', 'Dilek', 'Hülya', 'Songül', 'Nur', 'Ebru', 'Tuğba', 'Gizem', 'İrem', 'Çiğdem',
] as const;

export const LAST_NAMES = [
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan',
  'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özcan', 'Korkmaz', 'Çakır', 'Erdoğan',
  'Yavuz', 'Can', 'Acar', 'Şen', 'Aktaş', 'Güler', 'Yalçın', 'Güneş', 'Bozkurt', 'Bulut', 'Keskin', 'Ünal', 'Turan',
] as const;

/** Street name stems, used as "<stem> Caddesi" or "<stem> Sokak". */
export const STREET_STEMS = [
  'Cumhuriyet', 'Atatürk', 'İstiklal', 'Gazi', 'Fatih Sultan Mehmet', 'Mimar Sinan', 'Yunus Emre', 'Mevlana', 'Barış',
  'Lale', 'Menekşe', 'Kardelen', 'Papatya', 'Çınaraltı', 'Gül', 'Zambak', 'Karanfil', 'Nilüfer', 'Akasya', 'Ihlamur',
  'Sakarya', 'Kocatepe', 'Dumlupınar', 'Malazgirt', 'Kuyumcular', 'Okul', 'Değirmen', 'Pınar', 'Selvi', 'Bahar',
] as const;
