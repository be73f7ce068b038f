import type { CommentStatus } from '../threads/comment-status.js';

/** Lines listed per reason; the count says how many more there were. */
const EXAMPLES = 20;

interface Tally {
  count: number;
  examples: string[];
}

/** What an import did, or with --dry-run would do, printed at its end. */
export class ImportSummary {
  articlesCreated = 0;
  articlesFound = 0;
  readonly imported: Partial<Record<CommentStatus, number>> = {};
  alreadyImported = 0;
  /** Left out, by reason. */
  readonly skipped = new Map<string, Tally>();
  /** Imported, but not quite as the file said (a reply whose parent is missing goes to the top). */
  readonly adjusted = new Map<string, Tally>();

  constructor(readonly dryRun: boolean) {}

  countImported(status: CommentStatus): void {
    this.imported[status] = (this.imported[status] ?? 0) + 1;
  }

  skip(reason: string, where: string): void {
    note(this.skipped, reason, where);
  }

  adjust(reason: string, where: string): void {
    note(this.adjusted, reason, where);
  }

  get importedCount(): number {
    return Object.values(this.imported).reduce((sum, n) => sum + n, 0);
  }

  get skippedCount(): number {
    return [...this.skipped.values()].reduce((sum, t) => sum + t.count, 0);
  }

  format(): string {
    const would = this.dryRun ? 'Would import' : 'Imported';
    const statuses = Object.entries(this.imported).map(([status, n]) => `${n} ${status}`);
    const lines = [
      this.dryRun ? 'Dry run: nothing was written.' : 'Import finished.',
      `Articles: ${this.articlesCreated} ${this.dryRun ? 'to create' : 'created'}, ${this.articlesFound} already there.`,
      `${would} ${this.importedCount} comments${statuses.length ? ` (${statuses.join(', ')})` : ''}; ${this.alreadyImported} already imported before.`,
      `Skipped ${this.skippedCount} comments or items${this.skipped.size ? ':' : '.'}`,
      ...describe(this.skipped),
    ];
    if (this.adjusted.size) lines.push('Imported with a change:', ...describe(this.adjusted));
    return lines.join('\n');
  }
}

function note(tallies: Map<string, Tally>, reason: string, where: string): void {
  const tally = tallies.get(reason) ?? { count: 0, examples: [] };
  tally.count += 1;
  if (tally.examples.length < EXAMPLES) tally.examples.push(where);
  tallies.set(reason, tally);
}

function describe(tallies: Map<string, Tally>): string[] {
  return [...tallies].map(([reason, { count, examples }]) => {
    const more = count > examples.length ? `, and ${count - examples.length} more` : '';
    return `  ${count} × ${reason}: ${examples.join(', ')}${more}`;
  });
}
