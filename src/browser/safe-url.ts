/*
 * Free of the DOM, so the server's HTML for readers without JavaScript (embed/classic) and the
 * browser apps decide alike which websites become links.
 */

/** Only http(s) addresses become links: a "javascript:" website stays text. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
