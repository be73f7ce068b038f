/**
 * What one site's model weighs: rows per model (the site's own and the shared one), and estimates
 * of their size in this script's memory and as PostgreSQL rows.
 *
 * Estimates, per entry: in V8 a Map entry costs about 3 pointers (24 bytes) plus its value object
 * (a small object with two number fields, about 32 bytes) plus its key (a string: 16 bytes of header
 * and its characters); in PostgreSQL a row costs a 24-byte tuple header, a 4-byte line pointer, its
 * fields, and its primary-key index entry (about 16 bytes plus the key).
 */
import type { InMemoryModel } from '../../src/spam/classifier/in-memory-model.js';
import { GLOBAL_MODEL } from '../../src/spam/classifier/model-tables.js';

export interface ModelSize {
  /** Token counts in the site's own model. */
  tokens: number;
  /** Weights in the site's own model. */
  weights: number;
  /** The site's and the shared model's entries, in this script's memory. */
  memoryBytes: number;
  /** The site's own rows, in PostgreSQL. */
  tableBytes: number;
}

export function modelSize(model: InMemoryModel, siteId: number): ModelSize {
  let memoryBytes = 0;
  let tableBytes = 0;
  for (const id of [GLOBAL_MODEL, siteId]) {
    for (const token of model.tables.counts.get(id)?.keys() ?? []) {
      memoryBytes += 24 + 32 + 16 + token.length;
      if (id === siteId) tableBytes += 28 + 4 + 8 + token.length + 1 + 16 + 4 + token.length;
    }
    const weights = model.tables.weights.get(id)?.size ?? 0;
    memoryBytes += weights * (24 + 32 + 8);
    if (id === siteId) tableBytes += weights * (28 + 4 + 4 + 4 + 4 + 16 + 8);
  }
  return { tokens: model.tables.counts.get(siteId)?.size ?? 0, weights: model.tables.weights.get(siteId)?.size ?? 0, memoryBytes, tableBytes };
}
