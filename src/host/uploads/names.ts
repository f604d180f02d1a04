// File names for display and for Content-Disposition.


/** Control characters (C0, DEL, C1) and the bidi controls that can disguise an extension (`cat\u202Egnp.exe`). */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name for display only (clients render it as text): no path, no control or bidi characters, at most 255 UTF-16 units. */
export function displayName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  let clean = '';
  for (const char of base.replace(UNSAFE_NAME_CHARS, '').trim()) {
    if (clean.length + char.length > 255) break;
    clean += char;
  }
  clean = clean.trim();
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

/** `attachment`/`inline` with an ASCII fallback name and the exact one in RFC 5987 form. */
export function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
