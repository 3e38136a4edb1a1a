/** Turkish text: case folding that knows İ/ı, ASCII folding, and mahalle name normalisation. */

const COMBINING_DOT_ABOVE = /\u0307/g;

export function turkishLower(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('tr-TR').replace(COMBINING_DOT_ABOVE, '');
}

export function turkishUpper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('tr-TR');
}

const ASCII_FOLD: Record<string, string> = {
  ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', â: 'a', î: 'i', û: 'u',
};

/** Lower-cases the Turkish way, then folds to ASCII: "İNÖNÜ" and "inonu" both become "inonu". */
export function foldTurkish(text: string): string {
  return turkishLower(text)
    .replace(/[çğıöşüâîû]/g, (c) => ASCII_FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const MAHALLE_SUFFIX = /\b(mahallesi|mahalle|mah|mh)\b\.?/g;

/**
 * The key mahalle names are matched on: "YAVUZ SELİM MAH.", "Yavuz Selim Mh." and
 * "yavuz  selim mahallesi" all give "yavuz selim".
 */
export function normaliseMahalleName(text: string): string {
  return foldTurkish(text)
    .replace(MAHALLE_SUFFIX, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
