/**
 * Normalises a server address: an `http:` or `https:` URL without query, fragment or trailing slash
 * (a path prefix is kept, for servers mounted under one). Returns null when the text is not such a URL.
 *
 * @example
 * ```ts
 * normalizeBaseUrl('https://burn.example.com/'); // 'https://burn.example.com'
 * normalizeBaseUrl('ftp://x');                    // null
 * ```
 */
export function normalizeBaseUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
