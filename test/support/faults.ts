import { type PostAnswer, tryPostComment } from './live-cluster.js';
import type { ServerProcess } from './server-process.js';

/** "A few per second". */
const POST_EVERY_MS = 300;

export async function health(server: ServerProcess): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.baseUrl}/health`);
  return { status: response.status, body: await response.json() };
}

/** Resolves with the first defined value `probe` gives (a probe that throws counts as not yet). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Sent extends PostAnswer {
  sentAt: number;
}

/**
 * Posts a comment every POST_EVERY_MS, each as a new reader, without waiting for the previous
 * answer (as readers do), until stopped. `sent` holds the answers so far; `failures` the requests
 * that got no answer at all.
 */
export function postSteadily(server: ServerProcess, url: string, label: string) {
  const sent: Sent[] = [];
  const failures: string[] = [];
  let running = true;
  const loop = (async () => {
    const pending: Promise<void>[] = [];
    for (let i = 0; running; i++) {
      const sentAt = Date.now();
      pending.push(
        tryPostComment(server, url, `${label} ${i}`).then(
          (answer) => void sent.push({ ...answer, sentAt }),
          (error: Error) => void failures.push(error.message),
        ),
      );
      await new Promise((r) => setTimeout(r, POST_EVERY_MS));
    }
    await Promise.all(pending);
  })();
  return {
    sent,
    failures,
    /** Every answer, in the order the posts were sent. */
    async stop(): Promise<Sent[]> {
      running = false;
      await loop;
      return sent.sort((x, y) => x.sentAt - y.sentAt);
    },
  };
}
