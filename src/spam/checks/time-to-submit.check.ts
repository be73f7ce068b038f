import { Injectable } from '@nestjs/common';
import { FORM_TOKEN_USES, FormTokenUses } from '../form-token-uses.js';
import { FormTokens } from '../form-tokens.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/** Sent within this many seconds of loading the form, no person typed it. */
const SCRIPTED_SECONDS = 1;

/**
 * People read the article, then write: a comment sent a moment after its form was loaded, or with
 * no form at all (no valid token from GET /threads for this article), came from a script. A token
 * vouches for a few comments only: one page load does not open a day of posting.
 */
@Injectable()
export class TimeToSubmitCheck implements SpamCheck {
  readonly name = 'time to submit';

  constructor(
    private readonly formTokens: FormTokens,
    private readonly uses: FormTokenUses,
  ) {}

  async check({ formToken, siteId, articleId, articleUrl, settings, edit }: SpamCandidate): Promise<CheckOutcome | null> {
    const minimum = settings.minSubmitSeconds;
    // An edit is sent from the author's own comment, not from a form this check could time.
    if (minimum <= 0 || edit) return null;
    const { valid, ageSeconds } = this.formTokens.check(formToken, siteId, { id: articleId, url: articleUrl });
    if (!valid || ageSeconds === null || formToken === undefined) {
      const why = formToken ? 'the form token is not valid for this article' : 'no form token (the form did not come from this thread)';
      return { score: 2, reason: why, action: 'hold' };
    }
    // As good as no token: held, like a comment without a form.
    if (!(await this.uses.spend(formToken))) {
      return { score: 2, reason: `the form token was already used for ${FORM_TOKEN_USES} comments`, action: 'hold' };
    }
    if (ageSeconds >= minimum) return null;
    const reason = `sent ${ageSeconds} s after the form was loaded (minimum ${minimum} s)`;
    return ageSeconds < SCRIPTED_SECONDS ? { score: 5, reason, action: 'spam' } : { score: 2, reason, action: 'hold' };
  }
}
