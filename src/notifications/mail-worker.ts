import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import { CommentEvents } from '../threads/comment-events.js';
import { MailComposer } from './mail-composer.js';
import { MailSendError, Mailer } from './mailer.js';
import { MailOutbox, type OutgoingMail } from './mail-outbox.repository.js';
import { MailPlanner } from './mail-planner.js';

/** Other nodes' events and messages come due without a wake-up here: this is how late they can be. */
const POLL_MS = 2_000;
const EVENTS_PER_BATCH = 100;
const MESSAGES_PER_BATCH = 20;
/** Retries double from MAIL_RETRY_SECONDS up to this; a message still unsent after a day is given up. */
const MAX_RETRY_SECONDS = 3_600;
const GIVE_UP_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Emitted by whoever adds a message outside a comment's own events (privacy requests). */
export const MAIL_QUEUED = 'mail.queued';

/**
 * Sends the outbox: turns new mail events into messages, then sends what is due, one message at a
 * time, each claimed first (another node never sends it too) and marked sent right after the mail
 * server accepted it. A failure waits and tries again (30 s, 1 min, 2 min… up to an hour); a
 * permanent refusal, or a day of failures, is logged, counted on /health, and given up. Nothing
 * here runs inside a reader's request: a slow or absent mail server never slows a comment.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastPrune = 0;
  private failures = 0;

  constructor(
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
    private readonly outbox: MailOutbox,
    private readonly planner: MailPlanner,
    private readonly composer: MailComposer,
    private readonly mailer: Mailer,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Messages given up on since this process started. */
  get failedSinceStart(): number {
    return this.failures;
  }

  @OnEvent(CommentEvents.published)
  @OnEvent(CommentEvents.held)
  @OnEvent(MAIL_QUEUED)
  wake(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.work()
      .catch((error: unknown) => {
        // The database away, most likely: the next tick tries again.
        this.logger.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'mail outbox: could not work; trying again shortly');
      })
      .finally(() => {
        this.running = null;
        const again = this.again;
        this.again = false;
        this.schedule(again ? 0 : POLL_MS);
      });
    await this.running;
  }

  private async work(): Promise<void> {
    if (!this.mailer.enabled) {
      await this.outbox.dropEvents();
      return;
    }
    while (!this.stopped && (await this.outbox.processEvents(EVENTS_PER_BATCH, (manager, event) => this.planner.plan(manager, event))) === EVENTS_PER_BATCH);
    for (;;) {
      if (this.stopped) return;
      const due = await this.outbox.claimDue(MESSAGES_PER_BATCH);
      for (const mail of due) await this.deliver(mail);
      if (due.length < MESSAGES_PER_BATCH) break;
    }
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.outbox.prune();
    }
  }

  private async deliver(mail: OutgoingMail): Promise<void> {
    const composed = await this.composer.compose(mail);
    if (!composed) {
      await this.outbox.markCancelled(mail.id);
      return;
    }
    const host = new URL(this.config.publicUrl).hostname;
    try {
      await this.mailer.send(mail.recipient, composed, `<kolom.${mail.kind}.${mail.id}@${host}>`);
    } catch (error) {
      const failure = error instanceof MailSendError ? error : new MailSendError(String(error), false);
      const context = { mail: mail.id, kind: mail.kind, site: mail.siteId, attempt: mail.attempts, error: failure.message };
      if (failure.permanent || Date.now() - mail.createdAt.getTime() > GIVE_UP_MS) {
        this.failures++;
        this.logger.error(context, 'mail given up: the mail server refused it for good, or kept failing for a day');
        await this.outbox.markFailed(mail.id, failure.message);
      } else {
        const delay = Math.min(this.config.mail!.retrySeconds * 2 ** (mail.attempts - 1), MAX_RETRY_SECONDS);
        this.logger.warn({ ...context, retryInSeconds: delay }, 'mail not sent; will try again');
        await this.outbox.retryLater(mail.id, delay, failure.message);
      }
      return;
    }
    await this.outbox.markSent(mail.id);
  }
}
