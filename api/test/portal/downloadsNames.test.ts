import { describe, expect, it } from 'vitest';
import { DOWNLOAD_FORMATS } from '../../src/portal/formats';
import { contentDisposition, downloadFileName } from '../../src/portal/downloads/fileName';
import { dbfFieldNames } from '../../src/portal/downloads/writers/dbf';

const spec = (format: string) => DOWNLOAD_FORMATS.find((f) => f.format === format)!;

describe('download file names', () => {
  it('puts Bağcılar, the Turkish title and the version in the name, with an ASCII fallback', () => {
    expect(downloadFileName('Mahalleler', 3, spec('csv'))).toEqual({ utf8: 'bağcılar-mahalleler-v3.csv', ascii: 'bagcilar-mahalleler-v3.csv' });
    expect(downloadFileName('Bağcılar ilçe sınırı', 1, spec('shp'))).toEqual({ utf8: 'bağcılar-ilçe-sınırı-v1.zip', ascii: 'bagcilar-ilce-siniri-v1.zip' });
    expect(downloadFileName('360° panorama çekim noktaları', 2, spec('kml')).ascii).toBe('bagcilar-360-panorama-cekim-noktalari-v2.kml');
    expect(downloadFileName('İNÖNÜ / Güneşli: "Şube" (2024)', 12, spec('xlsx')).ascii).toBe('bagcilar-inonu-gunesli-sube-2024-v12.xlsx');
  });

  it('tells the two CSV variants apart and keeps long titles short at a word boundary', () => {
    expect(downloadFileName('Mahalleler', 3, spec('csv-excel')).ascii).toBe('bagcilar-mahalleler-v3-excel.csv');
    const long = downloadFileName('Mahalle göstergeleri (demografi, eğitim, istihdam, hane, sosyo-kültürel, ulaşım, sağlık, çevre)', 1, spec('csv'));
    expect(long.utf8.length).toBeLessThanOrEqual(80 + '-v1.csv'.length);
    expect(long.utf8).toMatch(/^bağcılar-mahalle-göstergeleri-demografi-[a-zçğıöşü-]+[a-zçğıöşü]-v1\.csv$/);
  });

  it('writes Content-Disposition with filename and RFC 5987 filename*', () => {
    expect(contentDisposition(downloadFileName('Mahalleler', 3, spec('csv')))).toBe(
      "attachment; filename=\"bagcilar-mahalleler-v3.csv\"; filename*=UTF-8''ba%C4%9Fc%C4%B1lar-mahalleler-v3.csv",
    );
  });
});

describe('DBF field names', () => {
  it('cuts names to 10 characters and keeps them unique', () => {
    expect(dbfFieldNames(['uavt_code', 'population', 'population_year', 'population_2023', 'population_2024', 'x'])).toEqual([
      'uavt_code', 'population', 'populati_1', 'populati_2', 'populati_3', 'x',
    ]);
    for (const name of dbfFieldNames(Array.from({ length: 12 }, () => 'muhtarlik_acilis_tarihi'))) expect(name.length).toBeLessThanOrEqual(10);
    expect(new Set(dbfFieldNames(Array.from({ length: 12 }, () => 'muhtarlik_acilis_tarihi'))).size).toBe(12);
  });
});
