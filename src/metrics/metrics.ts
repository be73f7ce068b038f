import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Kolom's Prometheus metrics, in a registry of their own (prom-client): Node's own (event-loop
 * lag, memory, GC) and what an operator of a comment service watches. Gauges that read a state
 * (connections, pool, outbox) are registered by the module that owns the state (`gauge`).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly commentsPosted = new Counter({
    name: 'kolom_comments_posted_total',
    help: "Readers' new comments, by the status they were stored in (approved, pending, spam).",
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly spamFindings = new Counter({
    name: 'kolom_spam_findings_total',
    help: 'What the spam checks said about new comments, by check (a comment may count under several).',
    labelNames: ['check'] as const,
    registers: [this.registry],
  });

  readonly moderationActions = new Counter({
    name: 'kolom_moderation_actions_total',
    help: "Comments moved by moderators (and by readers' flags), by action.",
    labelNames: ['action'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'kolom_http_request_duration_seconds',
    help: 'HTTP answers, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly threadPageCache = new Counter({
    name: 'kolom_thread_page_cache_total',
    help: 'Thread page cache lookups, by result (hit, miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly liveDeliveryLag = new Histogram({
    name: 'kolom_live_delivery_lag_seconds',
    help: "Live delivery lag: from a change's transaction (the outbox row's created_at) to its emit to this node's readers.",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly liveEventsSent = new Counter({
    name: 'kolom_live_events_sent_total',
    help: "Outbox events sent to an article's room on this node, by event (comment.created, comment.updated, comment.removed).",
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kolom_' });
  }

  /** A gauge read when Prometheus scrapes; a read that fails leaves the gauge as it was. */
  gauge(name: string, help: string, read: () => number | Promise<number>, aggregator: 'sum' | 'max' = 'sum'): void {
    new Gauge({
      name,
      help,
      // How KOLOM_WORKERS' primary combines the workers' values (each worker's own, summed; or one shared value).
      aggregator,
      registers: [this.registry],
      async collect() {
        try {
          this.set(await read());
        } catch {
          // The source is away (the database, say): the scrape still answers.
        }
      },
    });
  }
}
