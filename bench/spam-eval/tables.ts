/** The tables and tallies spam-eval prints: confusion counts, figures over folds and seeds, checks by name. */
import type { Verdict } from '../../src/spam/verdict.js';
import { fmt } from '../support/report.js';
import { mean, rule, type Run, spread } from './cross-validation.js';
import type { Scored } from './experiment.js';
import { pct, type Confusion, type Rates } from './metrics.js';

const pm = (xs: number[], digits = 2) => `${pct(mean(xs), digits)} ± ${pct(spread(xs), digits)}`;
const range = (xs: number[], digits = 2) => `${pct(Math.min(...xs), digits)}–${pct(Math.max(...xs), digits)}`;

export function printTable(rows: string[][], leftColumns = 1): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(`  ${row.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')}`);
}

export function printConfusion(c: Confusion, r: Rates): void {
  console.log(`                 caught   let through`);
  console.log(`    spam       ${fmt(c.tp).padStart(7)}   ${fmt(c.fn).padStart(11)}`);
  console.log(`    ham        ${fmt(c.fp).padStart(7)}   ${fmt(c.tn).padStart(11)}`);
  console.log(
    `  precision ${pct(r.precision)}   recall ${pct(r.recall)}   F1 ${pct(r.f1)}   false-positive rate ${pct(r.fpr, 2)} (${c.fp} of ${fmt(c.fp + c.tn)} ham)`,
  );
}

/** Per rule: mean ± spread over every fold of every seed, and the range of the seeds' own means. */
export function foldRow(label: string, runs: Run[], caught: (s: Scored) => boolean): string[] {
  const per = runs.map((run) => rule(run, caught));
  const seeds = [...new Set(runs.map((r) => r.seed))];
  const seedMeans = (pick: (r: Rates) => number) => seeds.map((seed) => mean(per.filter((_, i) => runs[i].seed === seed).map(pick)));
  return [
    label,
    pm(per.map((r) => r.fpr)),
    range(seedMeans((r) => r.fpr)),
    pm(
      per.map((r) => r.recall),
      1,
    ),
    range(
      seedMeans((r) => r.recall),
      1,
    ),
  ];
}

/** The runs with only the judgements `keep` keeps: to read the false positives of one kind of author. */
export const only = (runs: Run[], keep: (s: Scored) => boolean): Run[] => runs.map((run) => ({ ...run, scored: run.scored.filter(keep) }));

export const checksOf = (verdict: Verdict) => verdict.reasons.map((reason) => reason.slice(0, reason.indexOf(': ')));

export function tally(names: string[][]): string {
  const counts = new Map<string, number>();
  for (const list of names) for (const name of list) counts.set(name, (counts.get(name) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${fmt(n)}`)
      .join(', ') || 'none'
  );
}
