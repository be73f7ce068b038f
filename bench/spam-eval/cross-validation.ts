/**
 * k-fold cross-validation within the training groups, repeated over seeds: each fold is judged by a
 * model trained on the other k − 1, so every training comment gets an out-of-fold judgement per
 * seed. Thresholds and the calibration are chosen on these, never on the held-out part.
 */
import { logit } from '../../src/spam/classifier/spam-model.js';
import { type LabelledComment, foldsOf } from './corpus.js';
import { approvedAuthors, type Scored, score, type TokenCache, train } from './experiment.js';
import { confusion, rates } from './metrics.js';

export interface Run {
  seed: number;
  fold: number;
  scored: Scored[];
}

export async function crossValidate(comments: LabelledComment[], k: number, seeds: number[], tokens: TokenCache, maxRows: number): Promise<Run[]> {
  const runs: Run[] = [];
  for (const seed of seeds) {
    const folds = foldsOf(comments, k, seed);
    for (let fold = 0; fold < k; fold += 1) {
      const lessons = folds.filter((_, i) => i !== fold).flat();
      const model = train(lessons, seed + fold, tokens, maxRows);
      runs.push({ seed, fold, scored: await score(model, folds[fold], tokens, approvedAuthors(lessons)) });
    }
  }
  return runs;
}

/** The false-positive rate and recall of one run under a rule. */
export function rule(run: Run, caught: (s: Scored) => boolean) {
  return rates(confusion(run.scored.map((s) => ({ spam: s.spam, caught: caught(s) }))));
}

/**
 * The lowest threshold among `candidates` whose false-positive rate stays within `maxFpr` on every
 * seed (each seed's folds judge every training comment once): the most spam caught within the
 * target however the comments fall into folds. A threshold that meets it only on the average of
 * the seeds meets it on unseen data about half the time.
 */
export function lowestWithin(runs: Run[], candidates: number[], maxFpr: number, caughtAt: (s: Scored, t: number) => boolean): number | undefined {
  const seeds = [...new Set(runs.map((run) => run.seed))];
  const worstFpr = (t: number) =>
    Math.max(...seeds.map((seed) => mean(runs.filter((run) => run.seed === seed).map((run) => rule(run, (s) => caughtAt(s, t)).fpr))));
  return candidates.toSorted((a, b) => a - b).find((t) => worstFpr(t) <= maxFpr);
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
export const spread = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

/**
 * Platt-style calibration of the two parts together: the logistic regression of the label on
 * (logit of Bayes' probability, the regression's log-odds), fitted by gradient descent on the
 * out-of-fold judgements. Its three numbers are spam-model.ts's COMBINATION.
 */
export function fitCombination(rows: Scored[]): { bayes: number; weights: number; offset: number } {
  const xs = rows.map((r) => [logit(r.bayes), r.weights, 1]);
  const ys = rows.map((r) => (r.spam ? 1 : 0));
  const w = [0.1, 0.1, 0];
  const g2 = [1e-8, 1e-8, 1e-8];
  for (let iteration = 0; iteration < 3000; iteration += 1) {
    const grad = [0, 0, 0];
    for (let i = 0; i < xs.length; i += 1) {
      const z = w[0] * xs[i][0] + w[1] * xs[i][1] + w[2];
      const e = 1 / (1 + Math.exp(-z)) - ys[i];
      for (let j = 0; j < 3; j += 1) grad[j] += (e * xs[i][j]) / xs.length;
    }
    for (let j = 0; j < 3; j += 1) {
      g2[j] += grad[j] ** 2;
      w[j] -= (0.5 * grad[j]) / Math.sqrt(g2[j]);
    }
  }
  return { bayes: w[0], weights: w[1], offset: w[2] };
}

/** Spam caught at the lowest threshold on `score` whose pooled false-positive rate stays within `maxFpr`: compares scorers without choosing a threshold for each. */
export function recallWithin(rows: Array<{ spam: boolean; score: number }>, maxFpr: number): number {
  const ham = rows
    .filter((r) => !r.spam)
    .map((r) => r.score)
    .sort((a, b) => b - a);
  const allowed = Math.floor(ham.length * maxFpr);
  // Caught: score strictly above the (allowed + 1)-th highest ham score.
  const bar = ham[allowed] ?? -Infinity;
  const spam = rows.filter((r) => r.spam);
  return spam.filter((r) => r.score > bar).length / spam.length;
}
