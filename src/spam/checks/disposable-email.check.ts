import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/** The maintained list of throw-away mailbox domains (disposable-email-domains, ~120,000 of them). */
const DISPOSABLE: ReadonlySet<string> = new Set(createRequire(import.meta.url)('disposable-email-domains') as string[]);

/** A throw-away mailbox says the author will not be reachable: a moderator looks first. */
@Injectable()
export class DisposableEmailCheck implements SpamCheck {
  readonly name = 'disposable email';

  check({ authorEmail }: SpamCandidate): CheckOutcome | null {
    const domain = authorEmail.slice(authorEmail.lastIndexOf('@') + 1).toLowerCase();
    // Subdomains of a listed domain are as disposable as the domain.
    for (let at = domain; at.includes('.'); at = at.slice(at.indexOf('.') + 1)) {
      if (DISPOSABLE.has(at)) return { score: 2, reason: `${domain} is a disposable email domain`, action: 'hold' };
    }
    return null;
  }
}
