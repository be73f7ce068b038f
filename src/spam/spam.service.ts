import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CheckOutcome, SPAM_CHECKS, type SpamCandidate, type SpamCheck } from './spam-check.js';

export interface SpamVerdict {
  decision: 'approve' | 'hold' | 'spam';
  /** A check vouched for the author (see SpamAction 'trust'). */
  trusted: boolean;
  score: number;
  /** "check: reason" for every check that had something to say, for the moderators. */
  reasons: string[];
}

/**
 * Runs every check on a new comment, concurrently, and combines what they say: any `spam` makes
 * it spam, else any `hold` holds it (a soft one only when no check vouches for the comment); the
 * score and all reasons are kept with the comment.
 */
@Injectable()
export class SpamService {
  private readonly logger = new Logger('Spam');

  constructor(@Inject(SPAM_CHECKS) private readonly checks: SpamCheck[]) {}

  async judge(candidate: SpamCandidate): Promise<SpamVerdict> {
    const outcomes = await Promise.all(this.checks.map((check) => this.run(check, candidate)));
    const said = outcomes.filter((o): o is CheckOutcome & { check: string } => o !== null);
    const has = (action: CheckOutcome['action']) => said.some((o) => o.action === action);
    const trusted = has('trust');
    const held = said.some((o) => o.action === 'hold' && !(o.soft && trusted));
    return {
      decision: has('spam') ? 'spam' : held ? 'hold' : 'approve',
      trusted,
      score: said.reduce((sum, o) => sum + o.score, 0),
      reasons: said.map((o) => `${o.check}: ${o.reason}`),
    };
  }

  /** A check that fails is left out, not the comment: the others still judge it. */
  private async run(check: SpamCheck, candidate: SpamCandidate): Promise<(CheckOutcome & { check: string }) | null> {
    try {
      const outcome = await check.check(candidate);
      return outcome && { ...outcome, check: check.name };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.warn({ err: { name: failure.name, message: failure.message } }, `spam check "${check.name}" failed; judged without it`);
      return { check: check.name, score: 0, reason: 'could not run' };
    }
  }
}
