/** Confusion counts and the figures a newsroom reads them by. "Positive" is spam, "caught" is hidden from readers. */

export interface Confusion {
  /** Spam caught. */
  tp: number;
  /** Ham caught: a real reader wrongly hidden. */
  fp: number;
  /** Ham let through. */
  tn: number;
  /** Spam let through. */
  fn: number;
}

export function confusion(outcomes: Array<{ spam: boolean; caught: boolean }>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { spam, caught } of outcomes) {
    if (spam) c[caught ? 'tp' : 'fn'] += 1;
    else c[caught ? 'fp' : 'tn'] += 1;
  }
  return c;
}

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
}

/** NaN where the denominator is 0 (e.g. no ham in the test part): printed as n/a, never as a PASS. */
export function rates({ tp, fp, tn, fn }: Confusion): Rates {
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), fpr: fp / (fp + tn) };
}

export const pct = (n: number, digits = 1) => (Number.isFinite(n) ? `${(n * 100).toFixed(digits)} %` : 'n/a');
