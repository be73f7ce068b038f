import { Injectable } from '@nestjs/common';
import { ClassifierCounts, classify } from '../classifier/bayes.js';
import { tokenize } from '../classifier/tokenize.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/** Until moderators have decided this many of each, the model knows too little to speak. */
export const MIN_TRAINING = 10;
/**
 * Above SPAM_AT, spam; between HOLD_AT and SPAM_AT, unsure: a moderator decides (and the model
 * learns). HOLD_AT is where `npm run spam:eval` kept wrongly held readers under 1 % over seeded
 * splits (0.6 held 2–3 % of them).
 */
export const SPAM_AT = 0.9;
export const HOLD_AT = 0.8;
/**
 * At or below this (SpamBayes' own ham cut-off) the model is sure it is a reader's comment and
 * vouches for it: a links hold is lifted. spam:eval: wrongly held readers 22 % → 1.5 %, recall kept.
 */
export const HAM_AT = 0.2;
const SHOWN_TOKENS = 5;
/** A short comment with fewer telling tokens than this is never held on the model's word alone. */
const MIN_EVIDENCE = 5;

/** The text classifier, trained by moderators' decisions; explains itself with its telling tokens. */
@Injectable()
export class ClassifierCheck implements SpamCheck {
  readonly name = 'classifier';

  constructor(private readonly store: ClassifierCounts) {}

  async check(candidate: SpamCandidate): Promise<CheckOutcome | null> {
    const totals = await this.store.totals(candidate.siteId);
    if (totals.spam < MIN_TRAINING || totals.ham < MIN_TRAINING) return null;
    const tokens = tokenize(candidate);
    const counts = await this.store.counts(candidate.siteId, tokens);
    const { spamProbability, evidence } = classify(tokens, (token) => counts.get(token), totals);
    if (spamProbability <= HAM_AT) {
      const telling = evidence
        .filter((e) => e.probability < 0.5)
        .slice(0, SHOWN_TOKENS)
        .map((e) => `"${e.token}"`);
      return { score: -1, reason: `${spamProbability.toFixed(2)} ham-like (${telling.join(', ')})`, action: 'trust' };
    }
    if (spamProbability < HOLD_AT || evidence.length < MIN_EVIDENCE) return null;
    const telling = evidence
      .filter((e) => e.probability > 0.5)
      .slice(0, SHOWN_TOKENS)
      .map((e) => `"${e.token}"`);
    const reason = `${spamProbability.toFixed(2)} spam-like (${telling.join(', ')})`;
    return { score: Math.round(spamProbability * 10 * 10) / 10, reason, action: spamProbability >= SPAM_AT ? 'spam' : 'hold' };
  }
}
