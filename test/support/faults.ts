import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Health } from '../../src/health/health.service.js';
import { type PostAnswer, tryPostComment } from './live-cluster.js';
import type { ServerProcess } from './server-process.js';

/** "A few per second". */
const POST_EVERY_MS = 300;

export async function health(server: ServerProcess): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${server.baseUrl}/health`);
  return { status: response.status, body: (await response.json()) as Health };
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

const FIGURES = fileURLToPath(new URL('../../test-artifacts/faults/', import.meta.url));

/**
 * Keeps what a fault test measured (recovery times, answer times) as test-artifacts/faults/<name>.json,
 * for the README and the closing notes: the tests assert bounds, the files say what was seen.
 */
export function recordFigures(name: string, figures: Record<string, number | string>): void {
  mkdirSync(FIGURES, { recursive: true });
  writeFileSync(`${FIGURES}${name}.json`, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
}

/** The median and the largest of some milliseconds, rounded. */
export function spread(values: number[]): { p50: number; max: number } {
  const sorted = [...values].sort((x, y) => x - y);
  return { p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted[sorted.length - 1] ?? 0) };
}

/** The process-level backstop (main.ts) fired: some dependency's error went unhandled where it arose. */
export function strayErrors(server: ServerProcess): string[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('nothing handled it') || line.includes('nothing caught it'));
}
