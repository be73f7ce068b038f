/** Latency summaries for the live benchmark's report. */
import { percentile } from '../support/report.js';

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Sorts in place. */
export function summarise(values: Float64Array): LatencySummary {
  values.sort();
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length > 0 ? values[values.length - 1] : NaN,
  };
}

export function concat(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
