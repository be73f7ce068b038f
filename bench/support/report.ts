/** What both benchmarks print: figures, the machine they ran on, the summary table and the targets. */
import os from 'node:os';

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

export function printHeading(title: string, pgVersion: string): void {
  const cpus = os.cpus();
  console.log(title);
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ` +
      `${os.platform()} ${os.arch()}, node ${process.version}, ${pgVersion}`,
  );
}

/** The first row is the header; the first `leftColumns` columns are labels, the rest figures. */
export function printSummary(rows: string[][], leftColumns: number, gap: string): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  console.log('\nsummary');
  for (const row of rows) console.log(`  ${row.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(gap)}`);
}

/** Each line: the target, what was measured, and whether it was met. */
export function printTargets(lines: Array<[string, string, boolean]>): void {
  const targetWidth = Math.max(...lines.map(([t]) => t.length));
  const measuredWidth = Math.max(...lines.map(([, m]) => m.length));
  console.log('\ntargets');
  for (const [target, measured, ok] of lines) console.log(`  ${target.padEnd(targetWidth)}   ${measured.padStart(measuredWidth)}   ${ok ? 'PASS' : 'MISS'}`);
}

export function printLoadAtEnd(): void {
  console.log(`\nload average at the end: ${loadAverage()} (on ${os.cpus().length} CPUs; anything else running skews the figures)`);
}
