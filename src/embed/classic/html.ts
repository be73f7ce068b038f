/**
 * Text and attribute values for server-rendered HTML. Everything a reader wrote goes through
 * here: the five characters that can end a text run or an attribute value are replaced, so
 * markup in a comment is shown as the characters it is.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

/** Only http(s) addresses become links: a "javascript:" website stays text (as the widget's safeHttpUrl). */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
