/**
 * The classifier's judgement of one comment: naive Bayes (bayes.ts) and logistic regression
 * (logistic.ts) read the same tokens, and their two log-odds are combined into one calibrated
 * probability, p = σ(BAYES · logit(p_bayes) + WEIGHTS · z + OFFSET). The three constants were fitted
 * by `npm run spam:eval` on out-of-fold predictions of its training groups (never its held-out part),
 * so that p reads as a probability: of comments judged p ≈ 0.9, about nine in ten were spam.
 *
 * Every token's share of the final log-odds is kept, so a moderator reads which tokens decided and
 * how much each weighed ("pills" +1.4, "order now" +0.9).
 */
import { classify, type TokenCounts, type Totals } from './bayes.js';
import { featureOf, featuresOf, margin, sigmoid } from './logistic.js';

/** Fitted by spam:eval (see the file's comment). */
export const COMBINATION = { bayes: 0.47, weights: 0.64, offset: -0.59 } as const;
/** Bayes' probability is kept off 0 and 1 so its log-odds stay finite. */
const BAYES_CLIP = 1e-6;

/**
 * Naive Bayes reads single tokens only: a word pair repeats the evidence of its two words, and
 * Bayes, counting each as independent, would count it twice (on the folds, pairs cost it 5 points
 * of recall). The regression weighs them against their words, and gains from them.
 */
export const bayesTokens = (tokens: string[]) => tokens.filter((t) => !t.includes(' '));

export interface ModelReading {
  totals: Totals;
  counts: Map<string, TokenCounts>;
  /** A hashed feature's weight, the shared model's and the site's own added. */
  weightOf: (feature: number) => number;
}

export interface TokenShare {
  token: string;
  /** Its share of the log-odds of spam: positive pushes toward spam, negative toward a reader. */
  share: number;
}

export interface Judgement {
  /** Calibrated: 0 surely a reader's, 1 surely spam. */
  spamProbability: number;
  /** Each part on its own: naive Bayes' probability and the regression's log-odds. */
  bayes: number;
  weights: number;
  /** Tokens naive Bayes found telling (its evidence); few of them means a short or unusual text. */
  telling: number;
  /** The tokens by their share, largest first. */
  shares: TokenShare[];
}

export const logit = (p: number) => {
  const q = Math.min(1 - BAYES_CLIP, Math.max(BAYES_CLIP, p));
  return Math.log(q / (1 - q));
};

export function judge(tokens: string[], reading: ModelReading): Judgement {
  const bayes = classify(bayesTokens(tokens), (token) => reading.counts.get(token), reading.totals);
  const features = featuresOf(tokens);
  const z = margin(features, reading.weightOf);
  const bayesLogit = logit(bayes.spamProbability);
  const combined = COMBINATION.bayes * bayesLogit + COMBINATION.weights * z + COMBINATION.offset;
  const shares = new Map<string, number>();
  // Bayes' log-odds shared among its evidence in proportion to each token's own log-odds.
  const tokenLogits = bayes.evidence.map((e) => logit(e.probability));
  const sum = tokenLogits.reduce((s, l) => s + l, 0);
  if (sum !== 0) bayes.evidence.forEach((e, i) => shares.set(e.token, (COMBINATION.bayes * bayesLogit * tokenLogits[i]) / sum));
  const value = tokens.length > 0 ? 1 / Math.sqrt(tokens.length) : 0;
  for (const token of tokens) {
    const share = COMBINATION.weights * reading.weightOf(featureOf(token)) * value;
    if (share !== 0) shares.set(token, (shares.get(token) ?? 0) + share);
  }
  return {
    spamProbability: sigmoid(combined),
    bayes: bayes.spamProbability,
    weights: z,
    telling: bayes.evidence.length,
    shares: [...shares].map(([token, share]) => ({ token, share })).sort((a, b) => Math.abs(b.share) - Math.abs(a.share) || (a.token < b.token ? -1 : 1)),
  };
}
