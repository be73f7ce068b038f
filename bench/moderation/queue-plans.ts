/**
 * The pending queue's page query as QueueRepository.pageIds builds it, and the queue counts,
 * explained and timed on the seeded database. The SQL is not copied here: the real repository builds it, against a stand-in
 * for TypeORM's DataSource that sends it to PostgreSQL through `pg` (or only records it).
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { QueueCounts, QueueFilter } from '../../src/moderation/queue/queue.js';
import { QueueRepository } from '../../src/moderation/queue/queue.repository.js';
import { percentile } from '../support/report.js';

export const QUEUE_INDEX = 'comments_queue';

interface Statement {
  sql: string;
  params: unknown[];
}

/** What the repository asks of its DataSource: `query(sql, params)`, rows back. */
function repositoryOn(query: (sql: string, params: unknown[]) => Promise<unknown[]>): QueueRepository {
  return new QueueRepository({ query } as unknown as DataSource);
}

async function statementsOf(call: (repository: QueueRepository) => Promise<unknown>): Promise<Statement[]> {
  const sent: Statement[] = [];
  await call(
    repositoryOn(async (sql, params) => {
      sent.push({ sql, params });
      return [];
    }),
  );
  return sent;
}

/** The one statement pageIds sends for the filter. */
export async function pageStatement(filter: QueueFilter): Promise<Statement> {
  const sent = await statementsOf((repository) => repository.pageIds(filter));
  if (sent.length !== 1) throw new Error(`pageIds sent ${sent.length} statements, expected 1`);
  return sent[0];
}

/** What counts sends (by status, and flagged): the figures every queue.updated carries. */
export function countsStatements(siteIds: number[]): Promise<Statement[]> {
  return statementsOf((repository) => repository.counts(siteIds));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

interface ExplainJson {
  Plan: PlanNode & { 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
  'Planning Time': number;
  'Execution Time': number;
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

export interface QueuePlan {
  text: string;
  /** The query walks comments_queue in order and never reads the table from end to end. */
  indexBacked: boolean;
  /** How comments is read: one entry per scan node. */
  scans: string[];
  /** Index entries the comments scans returned, over all their loops. */
  rowsRead: number;
  executionMs: number;
  planningMs: number;
  /** Shared buffers hit + read by the whole query. */
  buffers: number;
}

export async function explain(pool: pg.Pool, statement: Statement): Promise<QueuePlan> {
  const text = (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params)).rows
    .map((row) => row['QUERY PLAN'])
    .join('\n');
  const json = (await pool.query<{ 'QUERY PLAN': ExplainJson[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.params)).rows[0][
    'QUERY PLAN'
  ][0];
  const onComments = nodesOf(json.Plan).filter((node) => node['Relation Name'] === 'comments');
  const ordered = onComments.filter((node) => /^Index (Only )?Scan$/.test(node['Node Type']) && node['Index Name'] === QUEUE_INDEX);
  return {
    text,
    indexBacked: ordered.length > 0 && ordered.length === onComments.length,
    scans: onComments.map((node) => `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`),
    rowsRead: onComments.reduce((sum, node) => sum + (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1), 0),
    executionMs: json['Execution Time'],
    planningMs: json['Planning Time'],
    buffers: json.Plan['Shared Hit Blocks'] + json.Plan['Shared Read Blocks'],
  };
}

export interface Timing {
  p50: number;
  max: number;
}

async function timeRuns<T>(runs: number, call: (repository: QueueRepository) => Promise<T>, pool: pg.Pool): Promise<Timing & { last: T }> {
  const repository = repositoryOn(async (sql, params) => (await pool.query(sql, params)).rows);
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await call(repository);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times[times.length - 1], last };
}

export interface PageTiming extends Timing {
  ids: number;
}

/** The real pageIds against PostgreSQL, `runs` times: round trip and all, as the server calls it. */
export async function timePage(pool: pg.Pool, filter: QueueFilter, runs: number): Promise<PageTiming> {
  const { p50, max, last } = await timeRuns(runs, (repository) => repository.pageIds(filter), pool);
  return { ids: last.length, p50, max };
}

/** The real counts against PostgreSQL, `runs` times. */
export async function timeCounts(pool: pg.Pool, siteIds: number[], runs: number): Promise<Timing & { counts: QueueCounts }> {
  const { p50, max, last } = await timeRuns(runs, (repository) => repository.counts(siteIds), pool);
  return { p50, max, counts: last };
}
