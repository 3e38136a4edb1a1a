/** Printable ASCII plus the letters Turkish (and names in it) use beyond it. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
export const TURKISH_LETTERS = 'çÇğĞıİöÖşŞüÜâÂîÎûÛ';

/** deck.gl's font atlas characters: the fixed set above plus any other character the texts contain. */
export function characterSet(texts: readonly string[]): string[] {
  return [...new Set([...ASCII, ...TURKISH_LETTERS, ...texts.flatMap((t) => [...t])])];
}
