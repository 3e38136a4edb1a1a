import type { DatasetDefinition } from '@kbs/core';
import { DATA_THEMES, FREQUENCIES } from '../euVocabularies';

export const EU_THEMES = Object.keys(DATA_THEMES);
export const EU_FREQUENCIES = Object.keys(FREQUENCIES);

export interface CompletenessCheck {
  /** Stable key, e.g. `descriptionEn`. */
  key: string;
  labelTr: string;
  labelEn: string;
  weight: number;
  /** 0..1: a share where the check is about many things (columns described). */
  met: number;
}

export interface Completeness {
  /** 0..100, rounded. */
  score: number;
  checks: CompletenessCheck[];
  missing: string[];
}

const MIN_DESCRIPTION = 80;

/**
 * How complete a dataset's metadata is, as harvesters and the public judge it (the DCAT-AP mandatory and
 * recommended properties a municipality fills in by hand). Weights favour what users read first.
 */
export function metadataCompleteness(d: DatasetDefinition): Completeness {
  const numeric = d.columns.filter((c) => ['integer', 'bigint', 'double'].includes(c.type));
  const checks: CompletenessCheck[] = [
    { key: 'titleTr', labelTr: 'Türkçe başlık', labelEn: 'Turkish title', weight: 2, met: d.titleTr.trim() ? 1 : 0 },
    { key: 'titleEn', labelTr: 'İngilizce başlık', labelEn: 'English title', weight: 1, met: d.titleEn.trim() ? 1 : 0 },
    { key: 'descriptionTr', labelTr: `Türkçe açıklama (en az ${MIN_DESCRIPTION} karakter)`, labelEn: `Turkish description (at least ${MIN_DESCRIPTION} characters)`, weight: 2, met: d.descriptionTr.trim().length >= MIN_DESCRIPTION ? 1 : 0 },
    { key: 'descriptionEn', labelTr: `İngilizce açıklama (en az ${MIN_DESCRIPTION} karakter)`, labelEn: `English description (at least ${MIN_DESCRIPTION} characters)`, weight: 1, met: d.descriptionEn.trim().length >= MIN_DESCRIPTION ? 1 : 0 },
    { key: 'keywords', labelTr: 'En az 3 anahtar kelime', labelEn: 'At least 3 keywords', weight: 1, met: Math.min(d.keywords.length, 3) / 3 },
    { key: 'theme', labelTr: 'AB veri teması', labelEn: 'EU data theme', weight: 1, met: EU_THEMES.includes(d.theme) ? 1 : 0 },
    { key: 'licence', labelTr: 'Lisans URI', labelEn: 'Licence URI', weight: 2, met: /^https?:\/\//.test(d.licence) ? 1 : 0 },
    { key: 'contactEmail', labelTr: 'İletişim e-postası', labelEn: 'Contact e-mail', weight: 1, met: d.contactEmail && /^[^@\s]+@[^@\s]+$/.test(d.contactEmail) ? 1 : 0 },
    { key: 'updateFrequency', labelTr: 'Güncelleme sıklığı', labelEn: 'Update frequency', weight: 1, met: EU_FREQUENCIES.includes(d.updateFrequency) ? 1 : 0 },
    { key: 'columnDescriptions', labelTr: 'Sütun açıklamaları', labelEn: 'Column descriptions', weight: 2, met: d.columns.length ? d.columns.filter((c) => c.descriptionTr || c.descriptionEn).length / d.columns.length : 1 },
    { key: 'units', labelTr: 'Sayısal sütunların birimleri', labelEn: 'Units of numeric columns', weight: 1, met: numeric.length ? numeric.filter((c) => c.unit).length / numeric.length : 1 },
  ];
  const total = checks.reduce((sum, c) => sum + c.weight, 0);
  const achieved = checks.reduce((sum, c) => sum + c.weight * c.met, 0);
  return { score: Math.round((100 * achieved) / total), checks, missing: checks.filter((c) => c.met < 1).map((c) => c.key) };
}
