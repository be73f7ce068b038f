import { Injectable } from '@nestjs/common';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/** The form's hidden field: people never see it, form-filling robots fill in every field they find. */
@Injectable()
export class HoneypotCheck implements SpamCheck {
  readonly name = 'honeypot';

  check({ honeypot }: SpamCandidate): CheckOutcome | null {
    if (!honeypot) return null;
    return { score: 10, reason: 'the hidden form field was filled in', action: 'spam' };
  }
}
