/** Longest file name kept, in UTF-16 units (the common file-system limit, and what the host stores). */
export const MAX_FILE_NAME_LENGTH = 255;

/** What an empty, dot-only or fully stripped name becomes. */
export const FALLBACK_FILE_NAME = 'file';

/**
 * Control characters (C0, DEL, C1) and every bidirectional formatting character: the marks
 * (U+061C, U+200E, U+200F), embeddings and overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069). Any of them can disguise an extension: `report\u202Efdp.exe` reads as
 * "reportexe.pdf".
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const graphemes: Intl.Segmenter | undefined =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/** The name's user-perceived characters, so a cut never splits an emoji or a letter from its accent. */
function characters(text: string): Iterable<string> {
  return graphemes ? Array.from(graphemes.segment(text), (part) => part.segment) : Array.from(text);
}

/**
 * The one rule for a file name shown to people or stored with an attachment: the last path
 * segment only, without control or bidi characters, trimmed, at most
 * {@link MAX_FILE_NAME_LENGTH} UTF-16 units cut at a whole character, and `"file"` when nothing
 * (or only `.`/`..`) is left. The result is still text to render as text, never markup.
 *
 * @example
 * safeFileName('C:\\Users\\me\\report.pdf');   // "report.pdf"
 * safeFileName('invoice\u202Efdp.exe');        // "invoicefdp.exe"
 * safeFileName('../..');                       // "file"
 */
export function safeFileName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  let clean = '';
  for (const char of characters(base.replace(UNSAFE_FILE_NAME_CHARS, '').trim())) {
    if (clean.length + char.length > MAX_FILE_NAME_LENGTH) break;
    clean += char;
  }
  clean = clean.trim();
  return clean === '' || clean === '.' || clean === '..' ? FALLBACK_FILE_NAME : clean;
}
