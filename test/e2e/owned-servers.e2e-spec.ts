import { jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { createClient } from 'redis';
import { OwnedPostgres, startOwnedPostgres } from '../support/owned-postgres.js';
import { OwnedRedis, startOwnedRedis } from '../support/owned-redis.js';

jest.setTimeout(60_000);

/** A client that never reconnects, so a server going away shows as an error and stays visible. */
async function redisClient(url: string) {
  const errors: Error[] = [];
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', (error: Error) => errors.push(error));
  await client.connect();
  return { client, errors };
}

async function pgClient(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  const errors: Error[] = [];
  client.on('error', (error) => errors.push(error));
  await client.connect();
  return { client, errors };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('an owned Redis', () => {
  let redis: OwnedRedis;
  beforeAll(async () => (redis = await startOwnedRedis()));
  afterAll(() => redis?.dispose());

  it('answers, drops its clients when stopped, and answers again when started', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(redis.port).not.toBe(6379);
    const { client, errors } = await redisClient(redis.url);
    expect(await client.ping()).toBe('PONG');

    await redis.stop();
    await until(() => errors.length > 0);
    expect(client.isOpen).toBe(false);
    await expect(redisClient(redis.url)).rejects.toThrow(/ECONNREFUSED/);

    await redis.start();
    const again = await redisClient(redis.url);
    expect(await again.client.ping()).toBe('PONG');
    await again.client.quit();
  });

  it('disposes once, however often asked', async () => {
    await Promise.all([redis.dispose(), redis.dispose()]);
    await expect(redisClient(redis.url)).rejects.toThrow(/ECONNREFUSED/);
    await expect(redis.start()).rejects.toThrow(/disposed/);
  });
});

describe('an owned PostgreSQL', () => {
  let postgres: OwnedPostgres;
  beforeAll(async () => (postgres = await startOwnedPostgres()));
  afterAll(() => postgres?.dispose());

  it('accepts queries, fails fast while stopped, and keeps its data across a stop', async () => {
    expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`);
    const { client, errors } = await pgClient(postgres.url);
    await client.query('CREATE TABLE kept (note text)');
    await client.query(`INSERT INTO kept VALUES ('before the stop')`);

    await postgres.stop('fast');
    await until(() => errors.length > 0);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    const refusedAt = Date.now();
    await expect(pgClient(postgres.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - refusedAt).toBeLessThan(500);

    await postgres.start();
    const again = await pgClient(postgres.url);
    expect((await again.client.query('SELECT note FROM kept')).rows).toEqual([{ note: 'before the stop' }]);
    await again.client.end();
  });

  it('keeps committed rows through an immediate stop and a restart', async () => {
    const { client } = await pgClient(postgres.url);
    await client.query(`INSERT INTO kept VALUES ('before the crash')`);
    await postgres.stop('immediate');
    await client.end().catch(() => undefined);
    await postgres.start();
    await postgres.restart();

    const again = await pgClient(postgres.url);
    expect((await again.client.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 2 }]);
    await again.client.end();
  });

  it('removes its data directory when disposed, once', async () => {
    expect(existsSync(postgres.dir)).toBe(true);
    await Promise.all([postgres.dispose(), postgres.dispose()]);
    expect(existsSync(postgres.dir)).toBe(false);
    await expect(pgClient(postgres.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
