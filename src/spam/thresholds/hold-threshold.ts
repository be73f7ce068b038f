import { HOLD_AT, SPAM_AT } from '../checks/classifier.check.js';
import type { SiteHoldAt } from '../classifier/classifier-reader.js';

/** A site's threshold is learned only from at least this many decided comments the classifier scored. */
export const MIN_SITE_HAM = 1_000;
export const MIN_SITE_SPAM = 50;
/** The most recent decided comments of each kind that count: a site's readers and its spammers change. */
export const EVIDENCE_WINDOW = 5_000;
/** Never hold from lower than this, however clean a site's readers' comments score. */
export const HOLD_FLOOR = 0.3;
/** The share of a site's readers' comments a learned threshold may hold… */
export const MAX_HELD_READERS = 0.005;
/** …as far as we can be 90 % sure of it (one-sided): the normal quantile for 0.9. */
export const CONFIDENCE_Z = 1.2816;

/** What a site's moderators decided about comments the classifier scored: the ham's p, and how many spam. */
export interface HoldEvidence {
  hamP: number[];
  spam: number;
}

/** A site's hold threshold, where it came from, on what evidence (null: it could not be read) and when. */
export interface HoldThreshold extends SiteHoldAt {
  ham: number | null;
  spam: number | null;
  computedAt: Date;
}

/**
 * The upper bound of the Wilson score interval for a proportion `hits / trials`: with z = 1.2816,
 * the true proportion is below it with 90 % confidence. Unlike the normal approximation it stays
 * sensible at 0 hits (z² / (n + z²), not 0) and for small n.
 */
export function wilsonUpperBound(hits: number, trials: number, z = CONFIDENCE_Z): number {
  if (trials === 0) return 1;
  const share = hits / trials;
  const z2 = z * z;
  const centre = share + z2 / (2 * trials);
  const spread = z * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials));
  return Math.min(1, (centre + spread) / (1 + z2 / trials));
}

/**
 * The lowest threshold on a 0.01 grid within [HOLD_FLOOR, SPAM_AT) that we are 90 % sure holds no
 * more than 0.5 % of the site's readers: the Wilson upper bound of the share of ham scoring at or
 * above it is at most MAX_HELD_READERS. SPAM_AT (hold nothing below spam) when none does. The
 * share only falls as the threshold rises, so the first that qualifies is the lowest.
 */
export function learnedHoldAt(hamP: readonly number[]): number {
  const ascending = [...hamP].sort((a, b) => a - b);
  let below = 0;
  // Whole hundredths, so the grid does not drift (0.3 + 0.01 + … is not 0.58).
  for (let hundredths = Math.round(HOLD_FLOOR * 100); hundredths < Math.round(SPAM_AT * 100); hundredths++) {
    const t = hundredths / 100;
    while (below < ascending.length && ascending[below] < t) below++;
    if (wilsonUpperBound(ascending.length - below, ascending.length) <= MAX_HELD_READERS) return t;
  }
  return SPAM_AT;
}

/** The site's threshold: learned once it has enough of both kinds of decision, else the global HOLD_AT. */
export function holdThresholdOf({ hamP, spam }: HoldEvidence, computedAt: Date): HoldThreshold {
  const evidence = { ham: hamP.length, spam, computedAt };
  if (hamP.length < MIN_SITE_HAM || spam < MIN_SITE_SPAM) return { holdAt: HOLD_AT, source: 'default', ...evidence };
  return { holdAt: learnedHoldAt(hamP), source: 'learned', ...evidence };
}
