/**
 * The form an email or domain takes before a ban is stored or matched, so that the variants one
 * mailbox answers to all meet the same ban: `Spammer+1@…`, `"spammer"@…` and full-width
 * `ｓｐａｍｍｅｒ@…` are the same address.
 *
 * - NFKC folds compatibility characters (full-width letters, the full-width `＠` and `．`) into
 *   their plain forms; then everything is lower-cased.
 * - Quotes around the local part are dropped, and a `+tag` with them: providers deliver
 *   `name+anything@` to `name@`, and it costs a spammer nothing to vary the tag.
 * - Dots in the local part are dropped only at Gmail (gmail.com, googlemail.com, which deliver
 *   `s.p.a.m@` to `spam@` and are one provider): elsewhere a dot can tell two people apart.
 */
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

export function normaliseEmail(raw: string): string {
  const address = raw.normalize('NFKC').trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  let local = address.slice(0, at);
  let domain = normaliseDomain(address.slice(at + 1));
  if (local.length >= 2 && local.startsWith('"') && local.endsWith('"')) local = local.slice(1, -1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

/** A domain as bans keep it: plain characters, lower case, no trailing dot. */
export function normaliseDomain(raw: string): string {
  const domain = raw.normalize('NFKC').trim().toLowerCase();
  return domain.endsWith('.') ? domain.slice(0, -1) : domain;
}

/**
 * The domain and each domain it sits under, down to two labels: a ban on example.com also keeps
 * out mail.example.com, which its owner can create at will.
 */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const domains: string[] = [];
  for (let i = 0; i <= labels.length - 2; i += 1) domains.push(labels.slice(i).join('.'));
  return domains;
}
