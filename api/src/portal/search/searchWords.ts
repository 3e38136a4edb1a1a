import { foldTurkish, turkishLower } from '@kbs/core';

/** One word of a search as the query side needs it: lower-cased the Turkish way, and folded to ASCII. */
export interface SearchWord {
  lower: string;
  folded: string;
}

/** More words than this make no better search, only a slower one. */
export const MAX_SEARCH_WORDS = 16;

/**
 * Splits what a user typed into words ("Bağcılar'ın nüfusu" → bağcılar, nüfusu: the suffix after an
 * apostrophe is a proper noun's case ending, not a word). The database stems
 * each word both as typed and folded (see migration 006), so "bagcilar nufus" and "Bağcılar nüfus" meet.
 */
export function searchWords(text: string): SearchWord[] {
  return turkishLower(text)
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((word) => word.replace(/['’].*$/u, ''))
    .map((word) => ({ lower: word, folded: foldTurkish(word).replace(/[^a-z0-9]/g, '') }))
    .filter((word) => word.folded !== '')
    .slice(0, MAX_SEARCH_WORDS);
}
