import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/database/migrations.js';
import { runCli } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Upgrades and rollbacks from the command line: the newest migration undoes cleanly and applies again. */
describe('migrations from the command line', () => {
  let folder: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kolom-migrations-'));
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.target.url, LOG_LEVEL: 'silent' };
    } else {
      env = { DATA_DIR: join(folder, 'data'), LOG_LEVEL: 'silent' };
    }
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('migration:run applies every migration, migration:revert undoes the newest, and run applies it again', async () => {
    const newest = MIGRATIONS[MIGRATIONS.length - 1].name;
    const run = await runCli(['migration:run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(newest);
    const reverted = await runCli(['migration:revert'], env);
    expect({ code: reverted.code, stderr: reverted.stderr }).toEqual({ code: 0, stderr: '' });
    expect(reverted.stdout).toContain('Reverted the newest migration');
    const again = await runCli(['migration:run'], env);
    expect(again.stdout).toBe(`Applied: ${newest}\n`);
    expect((await runCli(['migration:run'], env)).stdout).toBe('The schema is up to date.\n');
  });
});
