import { isURL } from 'class-validator';

/** As WordPress does, a bare "example.org" means http://example.org. */
export function normaliseWebsite(value: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `http://${value}`;
}

/**
 * Only http(s) addresses: a `javascript:` link under an author's name would run in readers' pages.
 * (WordPress cleans such a value silently with esc_url; Kolom refuses it with its own message.)
 */
export function isWebsite(value: string): boolean {
  return isURL(normaliseWebsite(value), { protocols: ['http', 'https'], require_protocol: true, require_tld: false });
}
