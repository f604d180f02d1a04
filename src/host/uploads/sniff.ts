/// <reference types="node" />
// What an uploaded file really is: signatures of known types, markup detection, image sizes, and
// how each stored type is served. Pure functions over bytes, tested without a server.

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, index) => bytes[offset + index] === byte);
}

const isIsoBmff = (b: Uint8Array) => startsWith(b, ascii('ftyp'), 4);
const isRiff = (form: string) => (b: Uint8Array) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii(form), 8);
const isEbml = (b: Uint8Array) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]);
const isOgg = (b: Uint8Array) => startsWith(b, ascii('OggS'));
const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);
const isMp3 = (b: Uint8Array) => startsWith(b, ascii('ID3')) || (b.length >= 2 && b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0);

/**
 * Types whose content must start with their signature. Images, audio and video among these (and
 * only these) are served inline; a file of any other type is always a download.
 */
export const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/apng': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  'image/webp': isRiff('WEBP'),
  'image/bmp': (b) => startsWith(b, ascii('BM')),
  'image/avif': isIsoBmff,
  'image/heic': isIsoBmff,
  'image/heif': isIsoBmff,
  'image/x-icon': (b) => startsWith(b, [0, 0, 1, 0]),
  'image/vnd.microsoft.icon': (b) => startsWith(b, [0, 0, 1, 0]),
  'video/mp4': isIsoBmff,
  'video/quicktime': isIsoBmff,
  'video/webm': isEbml,
  'video/ogg': isOgg,
  'audio/mpeg': isMp3,
  'audio/mp3': isMp3,
  'audio/mp4': isIsoBmff,
  'audio/x-m4a': isIsoBmff,
  'audio/aac': (b) => startsWith(b, ascii('ID3')) || (b[0] === 0xff && ((b[1] ?? 0) & 0xf6) === 0xf0),
  'audio/ogg': isOgg,
  'audio/webm': isEbml,
  'audio/wav': isRiff('WAVE'),
  'audio/x-wav': isRiff('WAVE'),
  'audio/wave': isRiff('WAVE'),
  'audio/flac': (b) => startsWith(b, ascii('fLaC')),
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
  'application/zip': isZip,
  'application/gzip': (b) => startsWith(b, [0x1f, 0x8b]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': isZip,
};

/** Markup types: accepted as what they say, but only ever served as downloads (see serveAs). */
export const MARKUP_TYPES = new Set(['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/xml']);

/**
 * The tags that make a browser sniff bytes as HTML (WHATWG MIME Sniffing, "identifying a resource
 * with an unknown MIME type"), plus `<?xml` and `<svg`: each followed by a space or `>`.
 */
const HTML_TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--', 'svg', 'object', 'embed', 'img', 'meta', 'link', 'form'];

/** True when the content opens (after whitespace and a byte-order mark) with markup a browser would render. */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
  let start = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  else if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])) {
    // UTF-16 text: look at every other byte.
    const step = bytes[0] === 0xfe ? 1 : 0;
    const narrow = new Uint8Array(Math.floor((Math.min(bytes.length, 1024) - 2) / 2));
    for (let index = 0; index < narrow.length; index++) narrow[index] = bytes[2 + index * 2 + step] ?? 0;
    return looksLikeMarkup(narrow);
  }
  while (start < bytes.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[start] ?? 0)) start++;
  if (bytes[start] !== 0x3c /* < */) return false;
  const head = Buffer.from(bytes.subarray(start + 1, start + 32)).toString('latin1').toLowerCase();
  if (head.startsWith('?xml')) return true;
  // A tag counts when a space, `>` or `/` (or the end of the file) follows it; a comment always does.
  return HTML_TAGS.some((tag) => head.startsWith(tag) && (tag === '!--' || /^([\s>/]|$)/.test(head.slice(tag.length, tag.length + 1))));
}

/** Why the content may not be stored under its declared type, or null when it may. */
export function contentProblem(type: string, bytes: Uint8Array): string | null {
  const signature = SIGNATURES[type];
  if (signature && !signature(bytes)) return "The file's content does not match its type.";
  // Text is text (a README may well open with <p>); it is served as a download with nosniff.
  if (!signature && !MARKUP_TYPES.has(type) && !type.startsWith('text/') && looksLikeMarkup(bytes)) {
    return "The file's content does not match its type.";
  }
  return null;
}

/** Width and height from the header of a PNG, GIF or JPEG, when cheap to read. */
export function dimensions(type: string, b: Buffer): { width: number; height: number } | null {
  if ((type === 'image/png' || type === 'image/apng') && b.length >= 24 && startsWith(b, ascii('IHDR'), 12)) {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (type === 'image/gif' && b.length >= 10) return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (type === 'image/jpeg') {
    let offset = 2;
    while (offset + 9 < b.length && b[offset] === 0xff) {
      const marker = b[offset + 1] ?? 0;
      if (marker === 0xff) {
        offset++;
        continue;
      }
      const length = b.readUInt16BE(offset + 2);
      // SOF0…SOF15 carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(offset + 5), width: b.readUInt16BE(offset + 7) };
      }
      if (marker === 0xda || length < 2) return null;
      offset += 2 + length;
    }
  }
  return null;
}


/** What a stored type is served as, and whether a browser may show it in place. */
export function serveAs(type: string): { contentType: string; inline: boolean } {
  if (type === 'image/svg+xml') return { contentType: type, inline: false }; // <img> may render it; a visit downloads it
  if (MARKUP_TYPES.has(type)) return { contentType: 'application/octet-stream', inline: false };
  const media = type.startsWith('image/') || type.startsWith('video/') || type.startsWith('audio/');
  if (media && SIGNATURES[type]) return { contentType: type, inline: true };
  if (type.startsWith('text/')) return { contentType: `${type}; charset=utf-8`, inline: false };
  return { contentType: type, inline: false };
}
