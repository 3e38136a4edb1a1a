import { foldTurkish } from '@kbs/core';

/** What a search box query asks for, folded the way the names are indexed ("İNÖNÜ Cd." → inonu, cad). */
export interface SearchTerms {
  /** Word prefixes (ASCII letters and digits only): a name matches when each begins one of its words. */
  words: string[];
  /** The query as one folded phrase, for ranking names that equal or begin with it first. */
  phrase: string;
  /** A query that ends in a door number after street words ("inonu cad 12", "1004. sokak no 7/2"). */
  address: { words: string[]; door: string } | null;
}

/** How addresses are abbreviated in writing, mapped onto prefixes of the written-out words. */
const ABBREVIATIONS: Record<string, string> = { cd: 'cad', sk: 'sok', sok: 'sok', blv: 'bul', bulv: 'bul' };
/** Words that say what follows rather than name anything ("Mah.", "No:"): the names do not carry them. */
const NOISE = new Set(['mah', 'mh', 'mahalle', 'mahallesi', 'no', 'kapi']);
const DOOR = /^\d{1,5}(?:[a-z]|\/\d{1,4}[a-z]?|-\d{1,5})?$/;

/** Null when the query holds no letter or digit at all. */
export function searchTerms(query: string): SearchTerms | null {
  const tokens = foldTurkish(query)
    .split(/[^a-z0-9/-]+/)
    .flatMap((token) => (DOOR.test(token) ? [token] : token.split(/[/-]+/)))
    .filter((token) => token !== '');
  if (tokens.length === 0) return null;
  const words = tokens.map((token) => ABBREVIATIONS[token] ?? token).filter((token) => !NOISE.has(token));
  const nameWords = words.flatMap((word) => word.split(/[^a-z0-9]+/)).filter(Boolean);
  const last = words[words.length - 1];
  const streetWords = words.slice(0, -1).flatMap((word) => word.split(/[^a-z0-9]+/)).filter(Boolean);
  return {
    words: nameWords,
    phrase: nameWords.join(' '),
    address: last !== undefined && DOOR.test(last) && streetWords.length > 0 ? { words: streetWords, door: last } : null,
  };
}

/** The words as a PostgreSQL tsquery of prefixes ("inonu:* & cad:*"); the words are [a-z0-9]+ only. */
export function prefixQuery(words: string[]): string {
  return words.map((word) => `${word}:*`).join(' & ');
}
