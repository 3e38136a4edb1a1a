import fs from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { EtlError } from '../errors';
import { HeaderRowFinder, titleNote, type HeaderFound } from './headerRow';
import { detectEncoding, mayHoldMojibake, NUL_NOTE, repairMojibake, withoutNul, type Encoding } from './encoding';
import type { ReadOptions, SourceRecord } from './types';

export type CsvOptions = Pick<ReadOptions, 'encoding' | 'delimiter' | 'columns'>;

const SAMPLE_BYTES = 64 * 1024;
const BLOCK_BYTES = 1 << 20;
/** Records per batch: few enough to die young, many enough that the consumer awaits once per batch, not per record. */
const BATCH_RECORDS = 500;
const QUOTE = '"';

type LineBreak = '\n' | '\r\n' | '\r';

function readSample(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Excel's first line "sep=;": the delimiter named for spreadsheets opened in another locale. */
const SEPARATOR_LINE = /^sep=([^\r\n])(\r\n|\n|\r)/i;

/**
 * Delimiter and line break of a file: as given, else as a "sep=" first line names it, else guessed by
 * papaparse from its first lines; and whether that first line is a "sep=" line to skip.
 */
function layoutOf(sample: string, delimiter: string | undefined): { delimiter: string; newline: LineBreak; separatorLine: boolean } {
  const named = SEPARATOR_LINE.exec(sample);
  const rest = named ? sample.slice(named[0].length) : sample;
  // Title lines above the header hold no delimiter and would spoil papaparse's count of fields a line.
  const titles = /^(?:[^,;\t|\r\n]*(?:\r\n|\n|\r)){1,10}/.exec(rest)?.[0] ?? '';
  const { meta } = Papa.parse(rest.slice(titles.length), { delimiter: delimiter ?? named?.[1] ?? '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: 'greedy', preview: 50 });
  const titleBreak = /(\r\n|\n|\r)$/.exec(titles)?.[1];
  return { delimiter: meta.delimiter, newline: (titleBreak || meta.linebreak || named?.[2] || '\n') as LineBreak, separatorLine: named !== null };
}

/** Where a scan for record ends stands at the end of the text it last read. */
interface ScanState {
  /** Inside a quoted field. */
  quoted: boolean;
  /** The next character starts a field (after a delimiter or a line break, or at the file's start). */
  fieldStart: boolean;
  /** Inside a quoted field, the text ended on a quote: closing, or the first of a doubled one. */
  quoteAtEnd: boolean;
  /** The text ended on the first character of a two-character line break. */
  breakCut: boolean;
}

export const freshScan = (): ScanState => ({ quoted: false, fieldStart: true, quoteAtEnd: false, breakCut: false });

/**
 * The first or the last record end (a line break outside quoted fields) in `text`, -1 if none, going on
 * from `state` and leaving it at the end of `text`. Quotes as papaparse reads them (RFC 4180): a quote
 * opens a quoted field only as the field's first character — elsewhere it is a character like any other
 * (`5" Ekran`), where counting every quote took the rest of the file for one record, all of it in
 * memory — and inside one a doubled quote is a quote, a single one closes it. Quotes and line breaks
 * are found with indexOf, not char by char.
 */
export function recordEnd(text: string, delimiter: string, newline: string, state: ScanState, which: 'first' | 'last'): number {
  if (text === '') return -1; // nothing to decide on: the state waits for the next text
  let pos = 0;
  let last = -1;
  if (state.quoteAtEnd) {
    state.quoteAtEnd = false;
    if (text[0] === QUOTE) pos = 1; // a doubled quote cut by the seam: still inside
    else state.quoted = false;
  } else if (state.breakCut && !state.quoted && text.startsWith(newline.slice(1))) {
    // A line break cut by the seam is not taken as a record end (the block then holds both records),
    // but what follows it starts a field.
    pos = newline.length - 1;
    state.fieldStart = true;
  }
  state.breakCut = false;
  let nextQuote = -2;
  let nextBreak = -2;
  while (pos < text.length) {
    if (state.quoted) {
      const q = text.indexOf(QUOTE, pos);
      if (q === -1) return last;
      if (q === text.length - 1) {
        state.quoteAtEnd = true;
        return last;
      }
      if (text[q + 1] === QUOTE) {
        pos = q + 2; // a doubled quote: still inside
        continue;
      }
      state.quoted = false;
      state.fieldStart = false;
      pos = q + 1;
      continue;
    }
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf(QUOTE, pos);
    if (nextBreak !== -1 && nextBreak < pos) nextBreak = text.indexOf(newline, pos);
    if (nextQuote === -1 && which === 'last') {
      // No quote left: the last line break is the last record end (most blocks: one search from the end).
      const end = text.lastIndexOf(newline);
      if (end >= pos) {
        last = end;
        pos = end + newline.length;
        state.fieldStart = true;
      }
      break;
    }
    if (nextQuote !== -1 && (nextBreak === -1 || nextQuote < nextBreak)) {
      const opens = nextQuote === pos ? state.fieldStart : text.startsWith(delimiter, nextQuote - delimiter.length);
      state.quoted = opens;
      state.fieldStart = false;
      pos = nextQuote + 1;
      continue;
    }
    if (nextBreak === -1) break;
    if (which === 'first') {
      Object.assign(state, freshScan());
      return nextBreak;
    }
    last = nextBreak;
    pos = nextBreak + newline.length;
    state.fieldStart = true;
  }
  if (!state.quoted && pos < text.length) {
    state.fieldStart = text.endsWith(delimiter);
    state.breakCut = newline.length > 1 && text.endsWith(newline[0]!);
  }
  return last;
}

/** Records whose quoted field runs to the end of the file: rejected, not taken as one long value. */
const unclosed = new WeakSet<string[]>();

/** Longest record the reader holds: a quote that opens a field and never closes would otherwise take the whole file. */
const MAX_RECORD_CHARS = 64 << 20;

/**
 * The fields of each record of a block of whole records, one record at a time: splitting the whole
 * block first kept its ten thousand records alive through every young-generation collection (two
 * seconds of copying a million rows). Without a quote in the block a record is a line split at the
 * delimiter — what papaparse's own fast mode does, minus its per-row bookkeeping; papaparse parses any
 * block with quotes.
 */
function* recordsOf(block: string, delimiter: string, newline: LineBreak): Generator<string[]> {
  if (block.indexOf(QUOTE) !== -1) {
    const { data, errors } = Papa.parse<string[]>(block, { delimiter, newline });
    // Only the file's last block can end inside quotes (the others end at record ends).
    for (const e of errors) if (e.code === 'MissingQuotes' && e.row !== undefined && data[e.row]) unclosed.add(data[e.row]!);
    yield* data;
    return;
  }
  let start = 0;
  for (let end = block.indexOf(newline); end !== -1; end = block.indexOf(newline, start)) {
    yield block.slice(start, end).split(delimiter);
    start = end + newline.length;
  }
  yield block.slice(start).split(delimiter);
}

/** Line breaks inside a record's quoted fields: the record's lines beyond its first. */
function lineBreaksIn(fields: string[], newline: string): number {
  const last = newline[newline.length - 1]!;
  let breaks = 0;
  for (const field of fields) for (let i = field.indexOf(last); i !== -1; i = field.indexOf(last, i + 1)) breaks++;
  return breaks;
}

function isBlank(fields: string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/** Header names, trimmed; a repeated name gets "_1", "_2", … as papaparse names them. */
function headerOf(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((raw) => {
    const name = raw.trim();
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}

/**
 * A function that makes a record's values from its fields as one object literal with the header's
 * names: one shape for every record of the file, where setting the names one by one went through V8's
 * generic keyed store (0.4 s a million rows). The names are JSON string literals, never code. Null for
 * a header naming "__proto__", which a literal would take as the prototype.
 */
function valuesMaker(header: string[]): ((fields: string[]) => Record<string, unknown>) | null {
  if (header.includes('__proto__')) return null;
  const properties = header.map((name, i) => `${JSON.stringify(name)}: f[${i}]`).join(', ');
  return new Function('f', `return { ${properties} };`) as (fields: string[]) => Record<string, unknown>;
}

/**
 * A file's bytes to text chunk by chunk. UTF-8 through string_decoder, whose strings V8 splits about
 * twice as fast as TextDecoder's; windows-1254, ISO-8859-9 and UTF-16 through TextDecoder (which drops
 * a UTF-16 BOM and joins a code unit or surrogate pair cut by a chunk's end).
 */
function textDecoder(encoding: Encoding): { write(bytes: Buffer): string; end(): string } {
  if (encoding === 'utf-8') {
    const decoder = new StringDecoder('utf8');
    let first = true;
    // Whether the decoder holds the start of a character cut by the previous chunk's end.
    let cut = false;
    return {
      write(bytes) {
        // ASCII decodes as Latin-1, a copy into a one-byte string: a tenth of UTF-8 decoding's time.
        const ascii = !cut && isAscii(bytes);
        const text = ascii ? bytes.toString('latin1') : decoder.write(bytes);
        if (!ascii) cut = bytes.length > 0 && bytes[bytes.length - 1]! >= 0x80;
        if (!first || text === '') return text;
        first = false;
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // the BOM
      },
      end: () => decoder.end(),
    };
  }
  const decoder = new TextDecoder(encoding);
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/**
 * The decoded text of a file, block by block, each ending at a record boundary. A record cut by the
 * end of a chunk is finished as a block of its own from the next chunk's start: joining the rest of
 * a chunk to the whole next one would make V8 copy every megabyte once more (seven times the cost of
 * finding the records in it).
 */
export async function* blocksOf(file: string, encoding: Encoding, delimiter: string, newline: LineBreak): AsyncGenerator<string> {
  const decoder = textDecoder(encoding);
  const state = freshScan();
  let carry = '';
  for await (const chunk of fs.createReadStream(file, { highWaterMark: BLOCK_BYTES })) {
    let text = decoder.write(chunk as Buffer);
    if (carry !== '') {
      const end = recordEnd(text, delimiter, newline, state, 'first');
      if (end === -1) {
        carry += text; // a record longer than a chunk
        if (carry.length > MAX_RECORD_CHARS) throw new RecordTooLongError();
        continue;
      }
      yield carry + text.slice(0, end);
      text = text.slice(end + newline.length);
      carry = '';
    }
    const end = recordEnd(text, delimiter, newline, state, 'last');
    if (end === -1) {
      carry = text;
      continue;
    }
    yield text.slice(0, end);
    carry = text.slice(end + newline.length);
  }
  carry += decoder.end();
  if (carry !== '') yield carry;
}

class RecordTooLongError extends Error {
  constructor() {
    super(`a record runs over ${MAX_RECORD_CHARS >> 20} M characters: a quote (") that opens a field and is never closed?`);
  }
}

/**
 * Streams a delimited text file as batches of records: encoding (UTF-8 with or without BOM,
 * windows-1254, ISO-8859-9, UTF-16 with BOM), delimiter and line break detected (or named by Excel's
 * "sep=" first line), quoted fields, blank
 * lines skipped, a last line without newline taken, mojibake repaired and NUL characters removed value
 * by value and noted.
 */
export async function* readCsv(file: string, options: CsvOptions = {}): AsyncGenerator<SourceRecord[]> {
  const sample = readSample(file);
  const encoding: Encoding = options.encoding ?? detectEncoding(sample).encoding;
  // A UTF-16 code unit or surrogate pair cut by the sample's end decodes as one U+FFFD in the sample's
  // last, partial line: no harm to guessing the layout from its first lines. NULs go first: a line of
  // NUL padding has one field whatever the delimiter, which would spoil papaparse's guess.
  const { delimiter, newline, separatorLine } = layoutOf(withoutNul(new TextDecoder(encoding).decode(sample)), options.delimiter);
  let skipSeparatorLine = separatorLine;
  let header = options.columns;
  let valuesOf: ((fields: string[]) => Record<string, unknown>) | null | undefined;
  let row = 0;
  let line = 1;
  let batch: SourceRecord[] = [];

  /** A record from its fields: the values under the header's names, or why it cannot be one. */
  const recordOf = (fields: string[], names: string[], position: string, repair: boolean, nul: boolean): SourceRecord => {
    if (options.columns ? fields.length !== names.length : fields.length > names.length && !isBlank(fields.slice(names.length))) {
      return { position, values: {}, error: `has ${fields.length} fields, ${options.columns ? 'the mapping names' : 'the header names'} ${names.length}` };
    }
    if (valuesOf === undefined) valuesOf = valuesMaker(names);
    let values: Record<string, unknown>;
    let notes: string[] | undefined; // made only for the few records that have one
    if (valuesOf && !repair && !nul && fields.length === names.length) {
      values = valuesOf(fields);
    } else {
      values = {};
      let nulRemoved = false;
      for (let i = 0; i < names.length && i < fields.length; i++) {
        let value = fields[i]!;
        // Before the repair: a NUL inside a mojibake pair would hide it.
        if (nul && value.indexOf('\0') !== -1) {
          value = withoutNul(value);
          nulRemoved = true;
        }
        const repaired = repair ? repairMojibake(value) : null;
        if (repaired) (notes ??= []).push(`mojibake repaired (${repaired.kind})`);
        values[names[i]!] = repaired ? repaired.text : value;
      }
      if (nulRemoved) (notes ??= []).push(NUL_NOTE);
    }
    if (encoding !== 'utf-8' && row === 1) (notes ??= []).push(`decoded as ${encoding}`);
    return notes ? { position, values, notes } : { position, values };
  };

  /** A line read before the header is known, with what its block said of mojibake and NULs. */
  interface HeldLine { position: string; fields: string[]; repair: boolean; nul: boolean }
  const finder = new HeaderRowFinder<HeldLine>((held) => (held.nul ? held.fields.map(withoutNul) : held.fields));
  let titleNotes: string[] | null = null;
  const push = (record: SourceRecord) => {
    if (titleNotes) {
      record.notes = [...titleNotes, ...(record.notes ?? [])];
      titleNotes = null;
    }
    batch.push(record);
  };
  /** The header once found, title lines above it noted; lines held while looking that are records. */
  const useHeader = (found: HeaderFound<HeldLine> | null) => {
    if (!found) return;
    const { fields, nul } = found.header;
    const names = headerOf(nul ? fields.map(withoutNul) : fields);
    header = names;
    if (found.titles.length) titleNotes = found.titles.map((t) => titleNote(t.position, t.nul ? t.fields.map(withoutNul) : t.fields));
    for (const held of found.records) {
      row += 1;
      push(recordOf(held.fields, names, held.position, held.repair, held.nul));
    }
  };

  try {
    for await (const block of blocksOf(file, encoding, delimiter, newline)) {
      const repair = mayHoldMojibake(block);
      // PostgreSQL text cannot hold U+0000; one scan of the block keeps the per-value check off the fast path.
      const nul = block.indexOf('\0') !== -1;
      const quoted = block.indexOf(QUOTE) !== -1;
      for (const fields of recordsOf(block, delimiter, newline)) {
        const position = `line ${line}`;
        line += quoted ? 1 + lineBreaksIn(fields, newline) : 1;
        // A line of NUL padding (some exports pad the file's end) is blank too.
        if (isBlank(fields) || (nul && isBlank(fields.map(withoutNul)))) continue;
        if (skipSeparatorLine) {
          skipSeparatorLine = false;
          continue;
        }
        if (!header) {
          useHeader(finder.offer({ position, fields, repair, nul }));
          continue;
        }
        row += 1;
        push(quoted && unclosed.has(fields)
          ? { position, values: {}, error: 'a quote (") opens a field that is never closed: the rest of the file would be one value' }
          : recordOf(fields, header, position, repair, nul));
        if (batch.length >= BATCH_RECORDS) {
          yield batch;
          batch = [];
        }
      }
    }
    if (!header) useHeader(finder.end());
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof RecordTooLongError) throw new EtlError(`${file}: line ${line}: ${error.message}`);
    throw new EtlError(`${file}: could not read as delimited text: ${(error as Error).message}`);
  }
}
