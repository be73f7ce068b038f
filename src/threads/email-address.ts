/**
 * Whether WordPress's is_email() (wp-includes/formatting.php) accepts the address, rule for rule:
 * the form refuses exactly what WordPress refuses. It is deliberately not RFC 5322: it refuses
 * unicode local parts and IDN domains (not punycode), and accepts what mail servers might not
 * (`a..b@…`, a leading dot, one-letter and numeric top-level labels, any length of local part).
 */
export function isWordPressEmail(email: string): boolean {
  // is_email() measures bytes; an address shorter than "a@b.cd" cannot pass.
  if (Buffer.byteLength(email, 'utf8') < 6) return false;
  // An @ after the first character; the address splits at the first one.
  const at = email.indexOf('@', 1);
  if (at === -1) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!LOCAL_PART.test(local)) return false;
  if (domain.includes('..')) return false;
  if (trimmed(domain, DOMAIN_EDGES) !== domain) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => trimmed(label, LABEL_EDGES) === label && LABEL.test(label));
}

/** The characters is_email() allows before the @, ASCII only. */
const LOCAL_PART = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL = /^[a-z0-9-]+$/i;
/** PHP's trim() whitespace, plus the dot (around the domain) or the hyphen (around a label). */
const PHP_WHITESPACE = ' \t\n\r\0\x0B';
const DOMAIN_EDGES = `${PHP_WHITESPACE}.`;
const LABEL_EDGES = `${PHP_WHITESPACE}-`;

function trimmed(text: string, edges: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && edges.includes(text[start])) start += 1;
  while (end > start && edges.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}
