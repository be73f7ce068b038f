import type { Totals } from './bayes.js';
import type { ModelReading } from './spam-model.js';

/**
 * Where the classifier check reads the model from: PostgreSQL in the server (ClassifierStore),
 * memory in the evaluation script and unit tests (InMemoryModel). Per site: a site's reading
 * includes the shared model.
 */
export abstract class ClassifierReader {
  abstract totals(siteId: number): Promise<Totals>;
  abstract reading(siteId: number, tokens: string[]): Promise<ModelReading>;
}
