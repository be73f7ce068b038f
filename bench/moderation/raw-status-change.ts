/**
 * The floor under a bulk action: the same status change on the same number of rows with plain `pg`,
 * one UPDATE in one transaction, the article_events trigger firing for each row as it does for Kolom.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface RawRound {
  ms: number;
  updated: number;
  /** comment.removed rows the trigger wrote for these ids. */
  events: number;
}

export async function rawStatusChange(pool: pg.Pool, ids: number[], status: string): Promise<RawRound> {
  const client = await pool.connect();
  // A session ended under it (the clean-up's DROP … WITH (FORCE)) fails the query in flight; the
  // client's own error event must not also crash the process.
  client.on('error', () => undefined);
  try {
    const started = performance.now();
    await client.query('BEGIN');
    const updated = await client.query(`UPDATE comments SET status = $2, updated_at = now() WHERE id = ANY($1::bigint[])`, [ids, status]);
    await client.query('COMMIT');
    const ms = performance.now() - started;
    const events = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM article_events WHERE comment_id = ANY($1::bigint[]) AND kind = 'comment.removed'`,
      [ids],
    );
    return { ms, updated: updated.rowCount ?? 0, events: events.rows[0].count };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
