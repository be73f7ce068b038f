import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OUTBOX_KEEP_DAYS } from '../threads/article-events.repository.js';
import { HousekeepingRepository, type EventsCursor, type HousekeepingJob } from './housekeeping.repository.js';

/** Rows per batch: each batch is one short transaction. */
export const HOUSEKEEPING_BATCH = 500;
/** Batches one job may run per site in a round; what is left waits for the next round. */
const MAX_BATCHES = 200;
const FIRST_ROUND_MS = 60_000;
const ROUND_EVERY_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** What one job did in a round: the rows each batch changed, in order (empty batches left out). */
export type JobReport = number[];

export interface HousekeepingReport {
  /** Spam and trash deleted for good. */
  purged: JobReport;
  /** Spam and trash with replies, erased to placeholders. */
  placeholders: JobReport;
  /** Comments whose IP address and user agent were erased. */
  addresses: JobReport;
  /** Outbox events past the replay horizon, deleted. */
  events: JobReport;
}

/**
 * Keeps what Kolom stores within each site's settings: spam and trash emptied after
 * `purgeSpamTrashDays` (WordPress's EMPTY_TRASH_DAYS), IP addresses and user agents erased after
 * `keepAddressesDays`, and the live outbox cut to OUTBOX_KEEP_DAYS. Every node runs a round every
 * few minutes; each job is done by one node at a time (HousekeepingRepository), in batches of
 * HOUSEKEEPING_BATCH rows, so posting and moderating never wait on it. A failed job is logged and
 * tried again next round. `round(now)` takes the clock as a parameter: tests and the command line
 * run one "as if" at any date.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Housekeeping');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly repository: HousekeepingRepository) {}

  onApplicationBootstrap(): void {
    this.schedule(FIRST_ROUND_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One round over every site and the outbox, as if it were `now`. Never throws: failures are
   * logged and left for the next round. Rounds in one process run one after the other (a round
   * called while the timer's runs after it, rather than finding its jobs' locks taken).
   */
  round(now: Date = new Date()): Promise<HousekeepingReport> {
    const next = this.last.then(() => this.run(now));
    this.last = next.catch(() => undefined);
    return next;
  }

  private async run(now: Date): Promise<HousekeepingReport> {
    const report: HousekeepingReport = { purged: [], placeholders: [], addresses: [], events: [] };
    const sites = await this.attempt('sites', {}, () => this.repository.sites());
    for (const site of sites ?? []) {
      const { purgeSpamTrashDays, keepAddressesDays } = site.settings;
      if (purgeSpamTrashDays > 0) {
        const before = daysBefore(now, purgeSpamTrashDays);
        // Children first: each batch frees the parents of what it purged for the next one; what
        // still has replies after the last becomes a placeholder.
        const purged = await this.batches('purge', site.id, report.purged, () => this.repository.purgeBatch(site.id, before, HOUSEKEEPING_BATCH), true);
        if (purged)
          await this.batches('placeholders', site.id, report.placeholders, () => this.repository.placeholderBatch(site.id, before, HOUSEKEEPING_BATCH));
      }
      if (keepAddressesDays > 0) {
        const before = daysBefore(now, keepAddressesDays);
        await this.batches('addresses', site.id, report.addresses, () => this.repository.eraseAddressesBatch(site.id, before, HOUSEKEEPING_BATCH));
      }
    }
    const before = daysBefore(now, OUTBOX_KEEP_DAYS);
    let cursor: EventsCursor | null = null;
    await this.batches('events', null, report.events, async () => {
      const batch = await this.repository.eventsBatch(before, cursor, HOUSEKEEPING_BATCH);
      if (batch === null) return null;
      cursor = batch.next;
      return batch.deleted;
    });
    return report;
  }

  /**
   * Runs a job's batches until one finds less than a full batch (or, for `untilEmpty`, nothing:
   * a purge batch may free parents for the next). Answers false when the job did not finish: it
   * failed, another node holds it, or it hit MAX_BATCHES.
   */
  private async batches(
    job: HousekeepingJob,
    siteId: number | null,
    done: JobReport,
    batch: () => Promise<number | null>,
    untilEmpty = false,
  ): Promise<boolean> {
    for (let n = 0; n < MAX_BATCHES; n += 1) {
      const rows = await this.attempt(job, { siteId }, batch);
      if (rows === undefined || rows === null) return false;
      if (rows > 0) done.push(rows);
      if (untilEmpty ? rows === 0 : rows < HOUSEKEEPING_BATCH) return true;
    }
    return false;
  }

  private async attempt<T>(job: string, context: object, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error: unknown) {
      this.logger.error({ err: error, job, ...context }, 'housekeeping failed; trying again next round');
      return undefined;
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = null;
        if (this.timer) this.schedule(ROUND_EVERY_MS);
      });
    }, delayMs);
    this.timer.unref();
  }
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
