/** The PostgreSQL channel on which nodes announce their commits. */
export const OUTBOX_CHANNEL = 'kolom_article_events';
/** PostgreSQL takes NOTIFY payloads under 8,000 bytes: longer lists go out in several notifications. */
const MAX_PAYLOAD_BYTES = 7_900;

/** Counts, for a benchmark or a log line. */
export interface AnnouncerCounts {
  /** Notifications sent (each one a transaction of its own). */
  sent: number;
  /** Article ids they carried. */
  articleIds: number;
  failures: number;
}

/**
 * Tells the other nodes which articles' outbox grew, as `<node id> <article id>,<article id>,…`,
 * with at most one notification in flight: whatever commits while one is being sent goes out in
 * the next, together. Each NOTIFY is a transaction PostgreSQL commits one at a time with every other
 * notifying one, so the fewer the better; under load a notification carries every article of the
 * last few milliseconds, and when idle it leaves at once. A failure (the database away) is counted
 * and otherwise dropped: the other nodes' sweeps find what it would have announced.
 */
export class CommitAnnouncer {
  private readonly pending = new Set<number>();
  private sending: Promise<void> | null = null;
  readonly counts: AnnouncerCounts = { sent: 0, articleIds: 0, failures: 0 };

  constructor(
    private readonly nodeId: string,
    private readonly notify: (payload: string) => Promise<unknown>,
  ) {}

  /** Readers' events of the article have committed here. */
  committed(articleId: number): void {
    this.pending.add(articleId);
    // Wait for the rest of this turn (a bulk moderation action commits hundreds at once).
    this.sending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.send());
  }

  /** Resolves once everything handed over so far has been sent (or has failed). */
  async settled(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async send(): Promise<void> {
    while (this.pending.size > 0) {
      const ids = [...this.pending];
      this.pending.clear();
      for (const payload of payloadsOf(this.nodeId, ids)) {
        try {
          await this.notify(payload.text);
          this.counts.sent += 1;
          this.counts.articleIds += payload.ids;
        } catch {
          this.counts.failures += 1;
        }
      }
    }
    this.sending = null;
  }
}

/** Parses what `CommitAnnouncer` sends; null for anything else. */
export function parseAnnouncement(payload: string | undefined): { nodeId: string; articleIds: number[] } | null {
  const match = /^(\S+) (\d+(?:,\d+)*)$/.exec(payload ?? '');
  return match ? { nodeId: match[1], articleIds: match[2].split(',').map(Number) } : null;
}

function payloadsOf(nodeId: string, articleIds: number[]): Array<{ text: string; ids: number }> {
  const payloads: Array<{ text: string; ids: number }> = [];
  let current = { text: '', ids: 0 };
  for (const id of articleIds) {
    const text = current.ids > 0 ? `${current.text},${id}` : `${nodeId} ${id}`;
    if (current.ids > 0 && Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      payloads.push(current);
      current = { text: `${nodeId} ${id}`, ids: 1 };
    } else current = { text, ids: current.ids + 1 };
  }
  if (current.ids > 0) payloads.push(current);
  return payloads;
}
