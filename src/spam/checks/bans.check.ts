import { Injectable } from '@nestjs/common';
import { BansService } from '../bans.service.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

const WHAT = { email: 'the email address', domain: 'the email domain', ip: 'the IP address', account: 'the account' } as const;

/** Authors moderators banned (by email, domain, IP or the site's account) post into the spam folder, not the page. */
@Injectable()
export class BansCheck implements SpamCheck {
  readonly name = 'bans';

  constructor(private readonly bans: BansService) {}

  async check({ siteId, authorEmail, ip, authorAccount = null }: SpamCandidate): Promise<CheckOutcome | null> {
    const ban = await this.bans.matching(siteId, authorEmail, ip, authorAccount);
    if (!ban) return null;
    const range = ban.kind === 'ip' && ban.value.includes('/') ? ` (range ${ban.value})` : ban.kind === 'domain' ? ` (${ban.value})` : '';
    return { score: 10, reason: `${WHAT[ban.kind]} is banned${range}${ban.note ? `: ${ban.note}` : ''}`, action: 'spam' };
  }
}
