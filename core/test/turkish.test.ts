import { describe, expect, it } from 'vitest';
import { foldTurkish, normaliseMahalleName, turkishLower, turkishUpper } from '@kbs/core';

describe('Turkish text', () => {
  it('lower- and upper-cases the dotted and dotless i correctly', () => {
    expect(turkishLower('İNÖNÜ IŞIK')).toBe('inönü ışık');
    expect(turkishUpper('inönü ışık')).toBe('İNÖNÜ IŞIK');
    // "İ" written as I + combining dot above, as some exports do.
    expect(turkishLower('I\u0307NÖNÜ')).toBe('inönü');
  });

  it('folds to ASCII so that "bagcilar nufus" meets "Bağcılar nüfus"', () => {
    expect(foldTurkish('Bağcılar NÜFUS')).toBe('bagcilar nufus');
    expect(foldTurkish('Çınar Şükrü Göztepe')).toBe('cinar sukru goztepe');
    expect(foldTurkish('Hâkim Kâzım Îmar Ûmran')).toBe('hakim kazim imar umran');
  });

  it.each([
    ['YAVUZ SELİM MAH.', 'yavuz selim'],
    ['Yavuz Selim Mh.', 'yavuz selim'],
    ['  yavuz   selim mahallesi ', 'yavuz selim'],
    ['KAZIM KARABEKİR MAHALLESİ', 'kazim karabekir'],
    ['100. Yıl', '100 yil'],
    ['15 TEMMUZ MAH', '15 temmuz'],
    ['Bagcilar', 'bagcilar'],
  ])('normalises the mahalle name %j to %j', (input, expected) => {
    expect(normaliseMahalleName(input)).toBe(expected);
  });
});
