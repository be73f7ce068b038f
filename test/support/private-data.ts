/**
 * The private-data walk of the property tests: everything a reader saw (an HTTP answer, a live event,
 * a join's ack), searched for what Kolom keeps for moderators only.
 */

/** Keys that name private data, compared without case, dashes and underscores (author_email, IP, user-agent). */
const PRIVATE_KEYS = ['email', 'authorEmail', 'ip', 'userAgent', 'spamScore', 'spamReasons', 'classifierP', 'verdict', 'editTokenHash', 'idempotencyKey'];
const squash = (key: string) => key.replace(/[_-]/g, '').toLowerCase();
const PRIVATE_KEYS_SQUASHED = new Set(PRIVATE_KEYS.map(squash));
/** Where a reader's own typing is shown. */
const TYPED_KEYS = new Set(['body', 'name', 'website']);

/** Something a reader can see: an HTTP answer or a live event (or ack), and the one edit token it may carry. */
export interface Seen {
  where: string;
  body: unknown;
  /** The edit token of the comment this answer is about, when the answer goes to that comment's poster. */
  ownToken?: string;
}

export interface Secrets {
  /** Emails, IPs, user agents, token hashes, reporters' notes: never in anything a reader sees. */
  values: string[];
  /** Values some poster typed into a public field themselves: not searched for in bodies, names and websites. */
  typedPublicly: Set<string>;
  /** Every edit token handed out: each only at the top of its own poster's answer. */
  tokens: string[];
}

/** Every place in what a reader saw that gives private data away, as readable paths. */
export function leaksIn(seen: Seen, secrets: Secrets): string[] {
  const found: string[] = [];
  const body = seen.body as { statusCode?: unknown; fields?: unknown } | null;
  // A 400 names the fields at fault ({"fields":{"email":"Please enter a valid email address."}}): there
  // "email" is the input's name, not an address. Its messages are still searched.
  const fieldNames = body && typeof body === 'object' && body.statusCode === 400 ? body.fields : undefined;
  const searchString = (value: string, path: string, typed: boolean) => {
    const lower = value.toLowerCase();
    for (const secret of secrets.values) {
      if (typed && secrets.typedPublicly.has(secret)) continue;
      if (lower.includes(secret.toLowerCase())) found.push(`${path} contains private "${secret.slice(0, 60)}"`);
    }
    for (const token of secrets.tokens) {
      if (value.includes(token) && !(path === `${seen.where}.editToken` && token === seen.ownToken)) found.push(`${path} carries an edit token not its own`);
    }
  };
  const walk = (value: unknown, path: string, key: string, inFieldNames: boolean): void => {
    if (typeof value === 'string') return searchString(value, path, TYPED_KEYS.has(key));
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`, key, false));
    for (const [childKey, child] of Object.entries(value)) {
      const at = `${path}.${childKey}`;
      if (PRIVATE_KEYS_SQUASHED.has(squash(childKey)) && !inFieldNames) found.push(`${at} is a private key`);
      if (childKey === 'editToken' && at !== `${seen.where}.editToken`) found.push(`${at}: an edit token below the top of an answer`);
      searchString(childKey, `${at} (key)`, false);
      walk(child, at, childKey, child === fieldNames && at === `${seen.where}.fields`);
    }
  };
  walk(seen.body, seen.where, '', false);
  return found;
}
