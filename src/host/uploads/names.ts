// Content-Disposition for a file name already made safe by the protocol's `safeFileName`.

/** `attachment`/`inline` with an ASCII fallback name and the exact one in RFC 5987 form. */
export function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
