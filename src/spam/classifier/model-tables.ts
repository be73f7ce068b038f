/**
 * The classifier's tables and how a lesson changes them, in memory: the evaluation script and the
 * unit tests keep a whole model here, and ClassifierStore loads the rows one batch of lessons
 * touches, applies the lessons here, and writes back what changed. One piece of code, so what the
 * evaluation measures is what the server learns.
 *
 * Two models per site, as before: the one every site shares (GLOBAL_MODEL) and the site's own. For
 * naive Bayes a site's decision counts in both. The regression's shared weights learn every site's
 * decisions; a site's own weights learn only what the shared ones got wrong for that site (the
 * residual), so a site with few decisions reads like the shared model and drifts from it as its
 * moderators teach it otherwise.
 */
import type { TokenCounts, Totals } from './bayes.js';
import { type FeatureWeight, featuresOf, margin, sigmoid, stepOf } from './logistic.js';
import { DUPLICATE_CAP, fingerprintOf } from './near-duplicates.js';
import { bayesTokens, type ModelReading } from './spam-model.js';

export type Label = 'spam' | 'ham';
export const GLOBAL_MODEL = 0;
/**
 * The most token counts, and the most weights, one model keeps: past it the rarest are pruned
 * (ModelTables.prune). About 25 MB of table rows per model at most in PostgreSQL.
 */
export const MAX_MODEL_ROWS = 200_000;

/** The regression's error (label − prediction) a lesson stepped by, per model: kept so an undo steps back. */
export interface LessonSteps {
  global: number;
  site: number;
}

export const NO_STEPS: LessonSteps = { global: 0, site: 0 };
const target = (label: Label) => (label === 'spam' ? 1 : 0);

export class ModelTables {
  readonly corpus = new Map<number, Totals>();
  readonly counts = new Map<number, Map<string, TokenCounts>>();
  readonly weights = new Map<number, Map<number, FeatureWeight>>();

  totals(siteId: number): Totals {
    const sum = { spam: 0, ham: 0 };
    for (const model of modelsOf(siteId)) {
      const t = this.corpus.get(model);
      if (t) {
        sum.spam += t.spam;
        sum.ham += t.ham;
      }
    }
    return sum;
  }

  reading(siteId: number, tokens: string[]): ModelReading {
    const tables = modelsOf(siteId).flatMap((model) => this.counts.get(model) ?? []);
    const counts = new Map<string, TokenCounts>();
    for (const token of tokens) {
      let sum: TokenCounts | undefined;
      for (const table of tables) {
        const c = table.get(token);
        if (c) sum = { spam: (sum?.spam ?? 0) + c.spam, ham: (sum?.ham ?? 0) + c.ham };
      }
      if (sum) counts.set(token, sum);
    }
    const shared = this.weights.get(GLOBAL_MODEL);
    const own = siteId === GLOBAL_MODEL ? undefined : this.weights.get(siteId);
    return { totals: this.totals(siteId), counts, weightOf: (feature) => (shared?.get(feature)?.weight ?? 0) + (own?.get(feature)?.weight ?? 0) };
  }

  weightOf(siteId: number, feature: number): number {
    let w = this.weights.get(GLOBAL_MODEL)?.get(feature)?.weight ?? 0;
    if (siteId !== GLOBAL_MODEL) w += this.weights.get(siteId)?.get(feature)?.weight ?? 0;
    return w;
  }

  /** Learns one decision; answers the steps taken, for an undo. */
  teach(siteId: number, tokens: string[], label: Label): LessonSteps {
    const features = featuresOf(tokens);
    const globalError = target(label) - sigmoid(margin(features, (f) => this.weightOf(GLOBAL_MODEL, f)));
    const siteError = siteId === GLOBAL_MODEL ? 0 : target(label) - sigmoid(margin(features, (f) => this.weightOf(siteId, f)));
    this.count(siteId, tokens, label, 1);
    this.step(GLOBAL_MODEL, features, globalError, 1);
    if (siteId !== GLOBAL_MODEL) this.step(siteId, features, siteError, 1);
    return { global: globalError, site: siteError };
  }

  /** Takes back a decision taught earlier with these steps. */
  unteach(siteId: number, tokens: string[], label: Label, steps: LessonSteps): void {
    const features = featuresOf(tokens);
    this.count(siteId, tokens, label, -1);
    this.step(GLOBAL_MODEL, features, steps.global, -1);
    if (siteId !== GLOBAL_MODEL) this.step(siteId, features, steps.site, -1);
  }

  /**
   * Keeps a model within `max` tokens and `max` weights: drops what the fewest lessons contained
   * (seen once, then twice, …) until it fits. Rare tokens say least and are most of a vocabulary.
   */
  prune(model: number, max: number): number {
    let dropped = 0;
    const counts = this.counts.get(model);
    for (let rarest = 1; counts && counts.size > max; rarest += 1) {
      for (const [token, c] of counts) if (c.spam + c.ham <= rarest && counts.delete(token)) dropped += 1;
    }
    const weights = this.weights.get(model);
    for (let rarest = 1; weights && weights.size > max; rarest += 1) {
      for (const [feature, w] of weights) if (w.seen <= rarest && weights.delete(feature)) dropped += 1;
    }
    return dropped;
  }

  private count(siteId: number, tokens: string[], label: Label, by: 1 | -1): void {
    for (const model of modelsOf(siteId)) {
      const totals = this.corpus.get(model) ?? { spam: 0, ham: 0 };
      totals[label] = Math.max(0, totals[label] + by);
      this.corpus.set(model, totals);
      let counts = this.counts.get(model);
      if (!counts) this.counts.set(model, (counts = new Map()));
      for (const token of bayesTokens(tokens)) {
        const c = counts.get(token) ?? { spam: 0, ham: 0 };
        // Counts never go below zero, even when unlearning what an older model never counted.
        c[label] = Math.max(0, c[label] + by);
        if (c.spam + c.ham === 0) counts.delete(token);
        else counts.set(token, c);
      }
    }
  }

  private step(model: number, features: Map<number, number>, error: number, by: 1 | -1): void {
    let weights = this.weights.get(model);
    if (!weights) this.weights.set(model, (weights = new Map()));
    const table = weights;
    for (const [feature, delta] of stepOf(features, error, (f) => table.get(f)?.seen ?? 0, by)) {
      const w = table.get(feature) ?? { weight: 0, seen: 0 };
      w.weight += delta.weight;
      w.seen = Math.max(0, w.seen + delta.seen);
      if (w.seen === 0) table.delete(feature);
      else table.set(feature, w);
    }
  }
}

/** A site reads and teaches the shared model and its own; the shared model is only itself. */
export const modelsOf = (siteId: number) => (siteId === GLOBAL_MODEL ? [GLOBAL_MODEL] : [GLOBAL_MODEL, siteId]);

/** What a comment taught, as spam_training keeps it. */
export interface TrainingRecord {
  label: Label;
  /** False for a near-duplicate past DUPLICATE_CAP: recorded, taught nothing. */
  taught: boolean;
  steps: LessonSteps;
  fingerprint: string;
}

/**
 * One moderator's decision about one comment, given what it taught before: the same label again
 * teaches nothing; another label first takes back the earlier one; `null` (taken back: unapproved,
 * restored out of spam) only takes back. Answers the comment's record now (null: none).
 */
export function applyLesson(
  tables: ModelTables,
  lesson: { siteId: number; tokens: string[]; label: Label | null },
  earlier: TrainingRecord | undefined,
  taughtAlready: (fingerprint: string, label: Label) => number,
): TrainingRecord | null {
  if (earlier && earlier.label === lesson.label) return earlier;
  if (earlier?.taught) tables.unteach(lesson.siteId, lesson.tokens, earlier.label, earlier.steps);
  if (lesson.label === null) return null;
  const fingerprint = fingerprintOf(lesson.tokens);
  const taught = taughtAlready(fingerprint, lesson.label) < DUPLICATE_CAP;
  const steps = taught ? tables.teach(lesson.siteId, lesson.tokens, lesson.label) : NO_STEPS;
  return { label: lesson.label, taught, steps, fingerprint };
}
