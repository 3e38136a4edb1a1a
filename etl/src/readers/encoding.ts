/**
 * Text encodings of municipal files: UTF-8 (with or without BOM), windows-1254 and ISO-8859-9
 * (Turkish code pages), UTF-16 with a BOM (Excel's "Unicode Text"), and repair of mojibake — Turkish
 * text that went through the wrong code page.
 */
export type Encoding = 'utf-8' | 'windows-1254' | 'iso-8859-9' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: Encoding;
  bom: boolean;
}

/** Decides from the first bytes: a BOM, valid UTF-8, else Turkish windows-1254 (a superset of ISO-8859-9 for letters). */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  // Checked before UTF-8: UTF-16's NUL bytes are valid UTF-8.
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  // A cut multi-byte sequence at the end of the sample is not an error.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0xc0) { end -= back; break; }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1254', bom: false };
  }
}

/** The note on a record whose values lost NUL characters, which PostgreSQL text cannot hold. */
export const NUL_NOTE = 'NUL characters removed';

/** `text` without its NUL characters (U+0000). */
export function withoutNul(text: string): string {
  return text.replaceAll('\0', '');
}

/** UTF-8 bytes shown as Latin-1/cp1252 ("Ä°" for "İ", "Ã¼" for "ü"): the tell-tale pairs. */
const DOUBLE_ENCODED = /[ÃÄÅ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u203A\u20AC\u2122]/;
/** ISO-8859-9 bytes read as ISO-8859-1: Ğ İ Ş ğ ı ş arrive as Ð Ý Þ ð ý þ. */
const LATIN5_AS_LATIN1: Record<string, string> = { Ð: 'Ğ', Ý: 'İ', Þ: 'Ş', ð: 'ğ', ý: 'ı', þ: 'ş' };

const CP1252_EXTRA: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c,
  'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

function asCp1252Bytes(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x100) bytes.push(code);
    else if (CP1252_EXTRA[ch] !== undefined) bytes.push(CP1252_EXTRA[ch]!);
    else return null;
  }
  return Uint8Array.from(bytes);
}

/** Whether any mojibake could be in the text: one scan of a whole block spares a test per value. */
export function mayHoldMojibake(text: string): boolean {
  return /[ÃÄÅÐÝÞðýþ]/.test(text);
}

/** The repaired text and what was done, or null when the value looks right as it is. */
export function repairMojibake(value: string): { text: string; kind: 'utf8-as-cp1252' | 'latin5-as-latin1' } | null {
  if (DOUBLE_ENCODED.test(value)) {
    // Turkish letters are two bytes in UTF-8: each shows up as a pair, repaired pair by pair so that
    // correct text around it stays as it is.
    let changed = false;
    const text = value.replace(new RegExp(DOUBLE_ENCODED.source, 'g'), (pair) => {
      const bytes = asCp1252Bytes(pair);
      if (!bytes) return pair;
      try {
        const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        changed = true;
        return decoded;
      } catch {
        return pair;
      }
    });
    if (changed) return { text, kind: 'utf8-as-cp1252' };
  }
  if (/[ÐÝÞðýþ]/.test(value) && !/[ğĞışŞİ]/.test(value)) {
    return { text: value.replace(/[ÐÝÞðýþ]/g, (c) => LATIN5_AS_LATIN1[c]!), kind: 'latin5-as-latin1' };
  }
  return null;
}
