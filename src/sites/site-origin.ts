/**
 * An origin as browsers send it: scheme, lower-cased host, and a port only when it is not the
 * default. Returns null for anything that is not an http(s) origin.
 */
export function canonicalOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.origin;
}
