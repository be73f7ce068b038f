/**
 * Text and attribute values for server-rendered HTML. Everything a reader wrote goes through
 * here: the five characters that can end a text run or an attribute value are replaced, so
 * markup in a comment is shown as the characters it is.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
