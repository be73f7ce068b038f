import type { PremoderationMode } from '../sites/site-settings.js';
import type { CheckOutcome } from './spam-check.js';

/** What one check said about a comment, under the check's name. */
export interface Finding extends CheckOutcome {
  check: string;
}

/** The statuses a new comment can start in. */
export type StartingStatus = 'approved' | 'pending' | 'spam';

export interface VerdictInput {
  /** What the checks said, in the order their reasons are listed. */
  findings: Finding[];
  /** The article's own setting where it has one, else the site's. */
  premoderation: PremoderationMode;
  /** Links in the comment's text. */
  links: number;
  /**
   * Whether the email has approved comments on the site (WordPress's "comment author must have a
   * previously approved comment"); null when it could not be told; false when it was not asked
   * because it could not change the verdict (see needsAuthorRecord).
   */
  knownAuthor: boolean | null;
}

export interface Verdict {
  status: StartingStatus;
  /** Positive is suspicious, negative reassuring; kept with the comment for moderators. */
  score: number;
  /** "check: reason" for every check that had something to say. */
  reasons: string[];
  /** The classifier's calibrated spam probability; null when it was silent (too few lessons) or could not run. */
  classifierP: number | null;
}

export const KNOWN_AUTHOR: Finding = { check: 'trusted author', score: -1, reason: 'the author has approved comments on this site', action: 'trust' };
const AUTHOR_UNKNOWN: Finding = { check: 'trusted author', score: 0, reason: 'could not run' };

/**
 * The status a new comment starts in, and why; the one place that decides it.
 * - Any `spam` finding keeps it out of sight.
 * - Else any `hold` sends it to the moderators, except a `soft` one (too many links, a throw-away
 *   mailbox) when something vouches for it: a known author, or a classifier sure it is ham.
 * - Else pre-moderation: `all` holds everything; `first-time` holds authors with no approved
 *   comment; `links` holds their comments with a link. Only the author's record lifts it: text
 *   that merely reads well does not make a newcomer known.
 */
export function verdictOf({ findings: said, premoderation, links, knownAuthor }: VerdictInput): Verdict {
  const findings = knownAuthor === true ? [...said, KNOWN_AUTHOR] : knownAuthor === null ? [...said, AUTHOR_UNKNOWN] : said;
  const has = (action: Finding['action']) => findings.some((f) => f.action === action);
  const vouched = has('trust');
  const held = findings.some((f) => f.action === 'hold' && !(f.soft && vouched));
  const status = has('spam') ? 'spam' : held || premoderationHolds(premoderation, links, knownAuthor === true) ? 'pending' : 'approved';
  return {
    status,
    score: findings.reduce((sum, f) => sum + f.score, 0),
    reasons: findings.flatMap((f) => (f.reason === undefined ? [] : [`${f.check}: ${f.reason}`])),
    classifierP: findings.find((f) => f.probability !== undefined)?.probability ?? null,
  };
}

const SEVERITY: Record<StartingStatus, number> = { approved: 0, pending: 1, spam: 2 };

/**
 * The status an author's edit leaves a comment in: the stricter of where it is and what the edit's
 * own verdict says. An edit can take a comment off the page or into spam, never out of a
 * moderator's queue: a spammer cannot post something harmless, get held, and edit their way out.
 */
export function revisedStatus(current: StartingStatus, verdict: StartingStatus): StartingStatus {
  return SEVERITY[verdict] > SEVERITY[current] ? verdict : current;
}

/** Whether pre-moderation alone holds the comment. */
export function premoderationHolds(mode: PremoderationMode, links: number, knownAuthor: boolean): boolean {
  switch (mode) {
    case 'all':
      return true;
    case 'first-time':
      return !knownAuthor;
    case 'links':
      return links > 0 && !knownAuthor;
    case 'off':
      return false;
  }
}

/** Whether pre-moderation is one a known author passes and a newcomer does not. */
export function premoderationAsksAuthor(mode: PremoderationMode, links: number): boolean {
  return premoderationHolds(mode, links, false) && !premoderationHolds(mode, links, true);
}

/**
 * The author's record is read only where it could lift something: pre-moderation a known author
 * passes, or a soft hold. It is kept beside a red flag too, so moderators see a known reader's
 * comment that a check called spam.
 */
export function needsAuthorRecord(findings: Finding[], premoderation: PremoderationMode, links: number): boolean {
  return premoderationAsksAuthor(premoderation, links) || findings.some((f) => f.action === 'hold' && f.soft);
}
