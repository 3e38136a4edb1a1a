import type { ColumnDefinition, PrivacyClass } from '@kbs/core';

export const CC_BY_4 = 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0';
export const KBS_OFFICE = 'Bilgi İşlem Müdürlüğü — Kent Bilgi Sistemi';
export const KBS_CONTACT = 'kbs@bagcilar.bel.tr';

/** A column definition in one line: name, type, Turkish and English titles, privacy, extras. */
export function column(
  name: string,
  type: ColumnDefinition['type'],
  titleTr: string,
  titleEn: string,
  privacy: PrivacyClass = 'public',
  extra: Partial<ColumnDefinition> = {},
): ColumnDefinition {
  return { name, type, titleTr, titleEn, privacy, ...extra };
}
