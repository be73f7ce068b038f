/**
 * Runs a benchmark's main so that, whatever happens (error, Ctrl-C, SIGTERM), its own processes and
 * connections stop and the bench database is dropped before the process exits.
 */
import type { BenchDatabase } from './bench-database.js';

let cleaning: Promise<void> | null = null;

/** True once the clean-up has begun: work cut short by it should neither report nor throw. */
export function cleaningUp(): boolean {
  return cleaning !== null;
}

interface BenchRun {
  database: BenchDatabase;
  /** What `stop` stops, for the line printed on a signal. */
  stopping: string;
  stop: () => Promise<void>;
}

export function runBench(main: () => Promise<void>, { database, stopping, stop }: BenchRun): void {
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      try {
        await stop();
      } finally {
        await database.drop();
      }
    })());

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping ${stopping} and dropping the bench database…`);
      void cleanup().finally(() => process.exit(code));
    });
  }

  main()
    .then(async () => {
      await cleanup();
      process.exit(0);
    })
    .catch(async (error: unknown) => {
      console.error(`\nbenchmark failed: ${(error as Error)?.stack ?? String(error)}`);
      await cleanup();
      process.exit(1);
    });
}
