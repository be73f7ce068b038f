import type { Totals } from './bayes.js';
import { HOLD_AT } from '../checks/classifier.check.js';
import { ClassifierReader, type SiteHoldAt } from './classifier-reader.js';
import { applyLesson, type Label, ModelTables, modelsOf, type TrainingRecord } from './model-tables.js';
import type { ModelReading } from './spam-model.js';

/**
 * A whole model in memory, learning exactly as ClassifierStore does (same tables, same lesson
 * rules, same duplicate cap and pruning): for the evaluation script and the unit tests.
 */
export class InMemoryModel extends ClassifierReader {
  readonly tables = new ModelTables();
  /** Sites told to hold from a threshold of their own; every other site holds from the global HOLD_AT. */
  readonly learnedHoldAt = new Map<number, number>();
  private readonly records = new Map<number, TrainingRecord & { siteId: number }>();
  private readonly duplicates = new Map<string, number>();
  private nextId = 1;

  constructor(private readonly maxTokens = Infinity) {
    super();
  }

  /** A moderator's decision (label null: taken back) about comment `commentId`, or a new one. */
  learn(tokens: string[], label: Label | null, siteId = 1, commentId = this.nextId++): number {
    const earlier = this.records.get(commentId);
    if (earlier?.taught && earlier.label !== label) this.countDuplicate(earlier.siteId, earlier.fingerprint, earlier.label, -1);
    const record = applyLesson(this.tables, { siteId, tokens, label }, earlier, (fp, l) => this.duplicates.get(`${siteId}|${l}|${fp}`) ?? 0);
    if (record === null) this.records.delete(commentId);
    else {
      this.records.set(commentId, { ...record, siteId });
      if (record.taught) this.countDuplicate(siteId, record.fingerprint, record.label, 1);
    }
    if (this.maxTokens < Infinity) for (const model of modelsOf(siteId)) this.tables.prune(model, this.maxTokens);
    return commentId;
  }

  async totals(siteId: number): Promise<Totals> {
    return this.tables.totals(siteId);
  }

  async reading(siteId: number, tokens: string[]): Promise<ModelReading> {
    return this.tables.reading(siteId, tokens);
  }

  async holdThreshold(siteId: number): Promise<SiteHoldAt> {
    const learned = this.learnedHoldAt.get(siteId);
    return learned === undefined ? { holdAt: HOLD_AT, source: 'default' } : { holdAt: learned, source: 'learned' };
  }

  private countDuplicate(siteId: number, fingerprint: string, label: Label, by: number): void {
    const key = `${siteId}|${label}|${fingerprint}`;
    this.duplicates.set(key, (this.duplicates.get(key) ?? 0) + by);
  }
}
