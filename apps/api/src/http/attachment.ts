/**
 * A `Content-Disposition` value offering a download under its own name: the UTF-8 `name` in
 * RFC 5987's `filename*` (percent-encoded outside RFC 5987's attr-char) and `asciiName` in
 * `filename` for older clients (RFC 6266 §4.3).
 */
export function attachment(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
