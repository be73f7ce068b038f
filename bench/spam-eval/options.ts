/** The script's arguments, and the one kind of error that ends it with a message rather than a stack. */
import { parseArgs } from 'node:util';

export const USAGE = 'usage: npm run spam:eval -- [--export FILE.json] [--folds K] [--seeds N] [--levers] [--folds-only]';

/**
 * Something the person running the script can fix (an argument, a file): one line on stderr, exit
 * code 1. `showUsage` adds the usage line, which helps with an argument and not with a file.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export interface Options {
  folds: number;
  seeds: number;
  levers: boolean;
  foldsOnly: boolean;
  /** A Kolom JSON export to measure on instead of the mail corpus. */
  exportFile: string | null;
}

export function parseOptions(argv: string[]): Options {
  let values: { folds?: string; seeds?: string; levers?: boolean; 'folds-only'?: boolean; export?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        folds: { type: 'string' },
        seeds: { type: 'string' },
        levers: { type: 'boolean' },
        'folds-only': { type: 'boolean' },
        export: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const folds = Number(values.folds ?? 5);
  const seeds = Number(values.seeds ?? 5);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new UsageError(`--folds must be a whole number from 2 to 20 (got ${values.folds})`);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 50) throw new UsageError(`--seeds must be a whole number from 1 to 50 (got ${values.seeds})`);
  if (values.export !== undefined && values.export.trim() === '') throw new UsageError('--export needs the path of a Kolom JSON export');
  return { folds, seeds, levers: values.levers ?? false, foldsOnly: values['folds-only'] ?? false, exportFile: values.export ?? null };
}
