import { Inject, Injectable, Logger } from '@nestjs/common';
import { countLinks } from './links.js';
import { SPAM_CHECKS, type SpamCandidate, type SpamCheck } from './spam-check.js';
import { type Finding, needsAuthorRecord, premoderationAsksAuthor, type Verdict, verdictOf } from './verdict.js';

/** Whether an email has approved comments on the site; asked of the comments' owner, only when it matters. */
export type AuthorRecord = () => Promise<boolean>;

/**
 * Runs every check on a new comment, concurrently, and has verdictOf decide what they amount to.
 * The author's record is read only where it could change the status, and alongside the checks
 * when pre-moderation already says it will be needed.
 */
@Injectable()
export class SpamService {
  private readonly logger = new Logger('Spam');

  constructor(@Inject(SPAM_CHECKS) private readonly checks: SpamCheck[]) {}

  async judge(candidate: SpamCandidate, authorRecord: AuthorRecord): Promise<Verdict> {
    const links = countLinks(candidate.body);
    const early = premoderationAsksAuthor(candidate.premoderation, links) ? this.knownAuthor(authorRecord) : null;
    const findings = (await Promise.all(this.checks.map((check) => this.run(check, candidate)))).filter((f): f is Finding => f !== null);
    const knownAuthor = early ? await early : needsAuthorRecord(findings, candidate.premoderation, links) ? await this.knownAuthor(authorRecord) : false;
    return verdictOf({ findings, premoderation: candidate.premoderation, links, knownAuthor });
  }

  /** A check that fails is left out, not the comment: the others still judge it. */
  private async run(check: SpamCheck, candidate: SpamCandidate): Promise<Finding | null> {
    try {
      const outcome = await check.check(candidate);
      return outcome && { ...outcome, check: check.name };
    } catch (error) {
      this.logFailure(check.name, error);
      return { check: check.name, score: 0, reason: 'could not run' };
    }
  }

  /** null when the record could not be read: the comment is judged as a newcomer's. Never rejects. */
  private async knownAuthor(authorRecord: AuthorRecord): Promise<boolean | null> {
    try {
      return await authorRecord();
    } catch (error) {
      this.logFailure('trusted author', error);
      return null;
    }
  }

  private logFailure(check: string, error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.logger.warn({ err: { name: failure.name, message: failure.message } }, `spam check "${check}" failed; judged without it`);
  }
}
