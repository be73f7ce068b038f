/**
 * A naive Bayes text classifier in the form SpamBayes proved on mail: Robinson's smoothed token
 * probabilities, combined with Fisher's chi-square method over the most telling tokens, which
 * leaves a wide "unsure" middle instead of forcing every comment to an extreme.
 */

export interface TokenCounts {
  /** Spam comments that contained the token. */
  spam: number;
  /** Ham (approved) comments that contained the token. */
  ham: number;
}

export interface Totals {
  spam: number;
  ham: number;
}

export interface Evidence {
  token: string;
  /** The token's spam probability, 0 (ham) to 1 (spam). */
  probability: number;
}

export interface Classification {
  /** 0: surely ham, 1: surely spam, 0.5: no idea. */
  spamProbability: number;
  /** The tokens that decided it, most telling first. */
  evidence: Evidence[];
}

/** Robinson's strength of the prior belief (s) and the belief itself (x), as SpamBayes tuned them. */
const PRIOR_STRENGTH = 0.45;
const PRIOR = 0.5;
/** Tokens within this distance of 0.5 say too little to count. */
const MIN_STRENGTH = 0.1;
const MAX_EVIDENCE = 150;

export function tokenProbability(counts: TokenCounts, totals: Totals): number {
  const spamRatio = totals.spam > 0 ? Math.min(1, counts.spam / totals.spam) : 0;
  const hamRatio = totals.ham > 0 ? Math.min(1, counts.ham / totals.ham) : 0;
  const seen = counts.spam + counts.ham;
  if (spamRatio + hamRatio === 0) return PRIOR;
  const raw = spamRatio / (spamRatio + hamRatio);
  return (PRIOR_STRENGTH * PRIOR + seen * raw) / (PRIOR_STRENGTH + seen);
}

export function classify(tokens: string[], countsOf: (token: string) => TokenCounts | undefined, totals: Totals): Classification {
  const evidence: Evidence[] = [];
  for (const token of tokens) {
    const counts = countsOf(token);
    if (!counts || counts.spam + counts.ham === 0) continue;
    const probability = tokenProbability(counts, totals);
    if (Math.abs(probability - 0.5) >= MIN_STRENGTH) evidence.push({ token, probability });
  }
  evidence.sort((a, b) => Math.abs(b.probability - 0.5) - Math.abs(a.probability - 0.5) || a.token.localeCompare(b.token));
  const used = evidence.slice(0, MAX_EVIDENCE);
  if (used.length === 0) return { spamProbability: 0.5, evidence: [] };
  let logHam = 0;
  let logSpam = 0;
  for (const { probability } of used) {
    logHam += Math.log(probability);
    logSpam += Math.log(1 - probability);
  }
  const hamminess = 1 - chiSquaredQ(-2 * logHam, 2 * used.length);
  const spamminess = 1 - chiSquaredQ(-2 * logSpam, 2 * used.length);
  return { spamProbability: (spamminess - hamminess + 1) / 2, evidence: used };
}

/** P(chi² ≥ x²) with an even number of degrees of freedom v, in closed form. */
export function chiSquaredQ(x2: number, v: number): number {
  const m = x2 / 2;
  let term = Math.exp(-m);
  let sum = term;
  for (let i = 1; i < v / 2; i += 1) {
    term *= m / i;
    sum += term;
  }
  return Math.min(sum, 1);
}
