import type { Totals } from './bayes.js';
import type { ModelReading } from './spam-model.js';

/** Where a site's classifier holds from: the global HOLD_AT, or the threshold learned from its moderators' decisions. */
export interface SiteHoldAt {
  holdAt: number;
  source: 'default' | 'learned';
}

/**
 * Where the classifier check reads the model from: PostgreSQL in the server (ClassifierStore),
 * memory in the evaluation script and unit tests (InMemoryModel). Per site: a site's reading
 * includes the shared model, and its hold threshold may be its own (src/spam/thresholds).
 */
export abstract class ClassifierReader {
  abstract totals(siteId: number): Promise<Totals>;
  abstract reading(siteId: number, tokens: string[]): Promise<ModelReading>;
  abstract holdThreshold(siteId: number): Promise<SiteHoldAt>;
}
