import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/** The maintained list of throw-away mailbox domains (disposable-email-domains, ~120,000 of them). */
const DISPOSABLE: ReadonlySet<string> = new Set(createRequire(import.meta.url)('disposable-email-domains') as string[]);

/**
 * A throw-away mailbox says the author will not be reachable: a moderator looks first, unless a
 * known author or a classifier sure it is a reader's text vouches for the comment (a weak signal:
 * some readers use such addresses to keep their own private).
 */
@Injectable()
export class DisposableEmailCheck implements SpamCheck {
  readonly name = 'disposable email';

  check({ authorEmail }: SpamCandidate): CheckOutcome | null {
    const domain = disposableDomainOf(authorEmail);
    return domain ? { score: 2, reason: `${domain} is a disposable email domain`, action: 'hold', soft: true } : null;
  }
}

/** The email's domain when it is a disposable one (subdomains of a listed domain included), else null. */
export function disposableDomainOf(email: string): string | null {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  for (let at = domain; at.includes('.'); at = at.slice(at.indexOf('.') + 1)) if (DISPOSABLE.has(at)) return domain;
  return null;
}
