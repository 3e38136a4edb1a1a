import { describe, expect, it } from 'vitest';
import type { DatasetDefinition } from '@kbs/core';
import { metadataCompleteness } from '../../src/portal/publishing/completeness';

const LONG = 'Bağcılar Belediyesi tarafından yayımlanan bu veri seti, mahalle düzeyinde güncel bilgileri içerir ve yıllık güncellenir.';

function dataset(overrides: Partial<DatasetDefinition> = {}): DatasetDefinition {
  return {
    id: 'ornek',
    table: 'ornek',
    titleTr: 'Örnek',
    titleEn: 'Example',
    descriptionTr: LONG,
    descriptionEn: LONG,
    theme: 'SOCI',
    keywords: ['a', 'b', 'c'],
    licence: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
    publisher: 'Kent Bilgi Sistemi',
    contactEmail: 'kbs@bagcilar.bel.tr',
    updateFrequency: 'ANNUAL',
    idColumn: 'id',
    geometryType: null,
    columns: [
      { name: 'id', type: 'text', titleTr: 'No', titleEn: 'Id', privacy: 'public', descriptionTr: 'Kimlik' },
      { name: 'n', type: 'integer', titleTr: 'Sayı', titleEn: 'Count', privacy: 'public', descriptionEn: 'Count', unit: 'kişi' },
    ],
    published: true,
    access: 'public',
    synthetic: false,
    keepVersions: 3,
    ...overrides,
  };
}

describe('metadata completeness', () => {
  it('gives 100 to a dataset with every check met', () => {
    expect(metadataCompleteness(dataset())).toEqual(expect.objectContaining({ score: 100, missing: [] }));
  });

  it('weighs each check: total weight 15', () => {
    // Missing the English description (weight 1) and the contact (weight 1): 13/15 = 86.7 → 87.
    const result = metadataCompleteness(dataset({ descriptionEn: 'short', contactEmail: undefined }));
    expect(result.score).toBe(87);
    expect(result.missing).toEqual(['descriptionEn', 'contactEmail']);
    expect(result.checks.reduce((s, c) => s + c.weight, 0)).toBe(15);
  });

  it('counts shares: one keyword of three, half the columns described, an unknown theme', () => {
    const result = metadataCompleteness(
      dataset({ keywords: ['tek'], theme: 'XXXX', columns: [dataset().columns[0]!, { name: 'x', type: 'double', titleTr: 'X', titleEn: 'X', privacy: 'public' }] }),
    );
    // keywords 1/3 (w1), theme 0 (w1), column descriptions 1/2 (w2), units 0/1 (w1): 15 - 2/3 - 1 - 1 - 1 = 11.33 → 76.
    expect(result.score).toBe(76);
    expect(result.missing).toEqual(['keywords', 'theme', 'columnDescriptions', 'units']);
  });
});
