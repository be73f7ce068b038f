import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, type EntityManager } from 'typeorm';
import type { Totals } from './bayes.js';
import { ClassifierReader, type SiteHoldAt } from './classifier-reader.js';
import { BIAS_FEATURE, featureOf } from './logistic.js';
import { applyLesson, type Label, MAX_MODEL_ROWS, ModelTables, modelsOf, type TrainingRecord } from './model-tables.js';
import { fingerprintOf } from './near-duplicates.js';
import { bayesTokens, type ModelReading } from './spam-model.js';
import { SiteHoldThresholds } from '../thresholds/site-hold-thresholds.js';

export type { Label } from './model-tables.js';

const TOTALS_CACHE_MS = 5_000;
/** A model is checked against MAX_MODEL_ROWS once every this many lessons. */
const PRUNE_EVERY = 200;

/**
 * The classifier's model in PostgreSQL, per site and shared: token counts (spam_tokens), the
 * regression's weights (spam_weights), how many comments each model learned (spam_corpus) and what
 * each comment taught (spam_training). Learning applies ModelTables' rules to the rows a batch of
 * lessons touches, so the server learns exactly as `npm run spam:eval` measures.
 */
@Injectable()
export class ClassifierStore extends ClassifierReader {
  private readonly totalsCache = new LRUCache<number, Totals>({ max: 10_000, ttl: TOTALS_CACHE_MS });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly thresholds: SiteHoldThresholds,
  ) {
    super();
  }

  async totals(siteId: number): Promise<Totals> {
    const cached = this.totalsCache.get(siteId);
    if (cached) return cached;
    const rows: Array<{ spam: number; ham: number }> = await this.dataSource.query('SELECT spam, ham FROM spam_corpus WHERE site_id = ANY($1::int[])', [
      modelsOf(siteId),
    ]);
    const totals = rows.reduce((sum, row) => ({ spam: sum.spam + row.spam, ham: sum.ham + row.ham }), { spam: 0, ham: 0 });
    this.totalsCache.set(siteId, totals);
    return totals;
  }

  async reading(siteId: number, tokens: string[]): Promise<ModelReading> {
    const totals = await this.totals(siteId);
    const tables = await this.load(this.dataSource.manager, modelsOf(siteId), tokens, false);
    const reading = tables.reading(siteId, tokens);
    return { ...reading, totals };
  }

  holdThreshold(siteId: number): Promise<SiteHoldAt> {
    return this.thresholds.of(siteId);
  }

  /**
   * Learns what moderators decided about comments, in one transaction however many there are (a
   * bulk action sends hundreds at once), in the order given. Deciding the same again teaches
   * nothing; the opposite decision first unlearns the earlier one; a decision taken back (label
   * null) only unlearns. Answers how many comments changed what the model learned.
   */
  async learn(lessons: Lesson[]): Promise<number> {
    if (lessons.length === 0) return 0;
    const { changed, sites } = await this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(lessons.map((l) => l.commentId))].sort((a, b) => a - b);
      const earlier = new Map<number, TrainingRecord & { siteId: number }>();
      const rows: TrainingRow[] = await manager.query(
        `SELECT comment_id::float8 AS comment_id, site_id, label, taught, global_step, site_step, fingerprint
           FROM spam_training WHERE comment_id = ANY($1::bigint[]) ORDER BY comment_id FOR UPDATE`,
        [ids],
      );
      for (const r of rows) earlier.set(Number(r.comment_id), recordOf(r));
      const models = [...new Set(lessons.flatMap((l) => modelsOf(l.siteId)))].sort((a, b) => a - b);
      const tables = await this.load(manager, models, [...new Set(lessons.flatMap((l) => l.tokens))], true);
      const before = snapshot(tables);
      const duplicates = await this.duplicateCounts(manager, lessons);
      const records = new Map<number, { siteId: number; record: TrainingRecord | null }>();
      for (const lesson of lessons) {
        const was = records.has(lesson.commentId) ? (records.get(lesson.commentId)!.record ?? undefined) : earlier.get(lesson.commentId);
        const key = (fp: string, label: Label) => `${lesson.siteId}|${label}|${fp}`;
        const record = applyLesson(tables, lesson, was, (fp, label) => duplicates.get(key(fp, label)) ?? 0);
        if (record === was) continue;
        if (was?.taught) duplicates.set(key(was.fingerprint, was.label), (duplicates.get(key(was.fingerprint, was.label)) ?? 1) - 1);
        if (record?.taught) duplicates.set(key(record.fingerprint, record.label), (duplicates.get(key(record.fingerprint, record.label)) ?? 0) + 1);
        records.set(lesson.commentId, { siteId: lesson.siteId, record });
      }
      if (records.size === 0) return { changed: 0, sites: [] as number[] };
      await this.write(manager, before, tables, records);
      return { changed: records.size, sites: [...new Set([...records.values()].map((r) => r.siteId))] };
    });
    for (const siteId of sites) this.totalsCache.delete(siteId);
    for (const siteId of sites) await this.pruneIfDue(siteId);
    return changed;
  }

  /** The rows of `models` for these tokens and their features (locked when learning), as ModelTables. */
  private async load(manager: EntityManager, models: number[], tokens: string[], lock: boolean): Promise<ModelTables> {
    const tables = new ModelTables();
    const features = [...new Set([BIAS_FEATURE, ...tokens.map(featureOf)])].sort((a, b) => a - b);
    const forUpdate = lock ? ' ORDER BY site_id, 2 FOR UPDATE' : '';
    const [corpus, counts, weights] = await Promise.all([
      lock ? manager.query(`SELECT site_id, spam, ham FROM spam_corpus WHERE site_id = ANY($1::int[]) ORDER BY site_id FOR UPDATE`, [models]) : [],
      manager.query(`SELECT site_id, token, spam, ham FROM spam_tokens WHERE site_id = ANY($1::int[]) AND token = ANY($2::text[])${forUpdate}`, [
        models,
        bayesTokens(tokens),
      ]),
      manager.query(`SELECT site_id, feature, weight, seen FROM spam_weights WHERE site_id = ANY($1::int[]) AND feature = ANY($2::int[])${forUpdate}`, [
        models,
        features,
      ]),
    ]);
    for (const r of corpus as Array<{ site_id: number; spam: number; ham: number }>) tables.corpus.set(r.site_id, { spam: r.spam, ham: r.ham });
    for (const r of counts as Array<{ site_id: number; token: string; spam: number; ham: number }>) {
      if (!tables.counts.has(r.site_id)) tables.counts.set(r.site_id, new Map());
      tables.counts.get(r.site_id)!.set(r.token, { spam: r.spam, ham: r.ham });
    }
    for (const r of weights as Array<{ site_id: number; feature: number; weight: number; seen: number }>) {
      if (!tables.weights.has(r.site_id)) tables.weights.set(r.site_id, new Map());
      tables.weights.get(r.site_id)!.set(r.feature, { weight: r.weight, seen: r.seen });
    }
    return tables;
  }

  /** How many taught lessons each site already has per label and fingerprint, for the lessons' fingerprints. */
  private async duplicateCounts(manager: EntityManager, lessons: Lesson[]): Promise<Map<string, number>> {
    const prints = [...new Set(lessons.map((l) => fingerprintOf(l.tokens)))];
    const rows: Array<{ site_id: number; label: Label; fingerprint: string; n: number }> = await manager.query(
      `SELECT site_id, label, fingerprint, count(*)::int AS n FROM spam_training
        WHERE taught AND fingerprint = ANY($1::text[]) AND site_id = ANY($2::int[]) GROUP BY site_id, label, fingerprint`,
      [prints, [...new Set(lessons.map((l) => l.siteId))]],
    );
    return new Map(rows.map((r) => [`${r.site_id}|${r.label}|${r.fingerprint}`, r.n]));
  }

  /** Writes what the lessons changed as additions, so two nodes learning at once both count. Rows in one order: no deadlock. */
  private async write(manager: EntityManager, before: Snapshot, after: ModelTables, records: Map<number, { siteId: number; record: TrainingRecord | null }>) {
    const now = snapshot(after);
    const corpus = diff(before.corpus, now.corpus);
    for (const [key, d] of [...corpus].sort()) {
      await manager.query(
        `INSERT INTO spam_corpus (site_id, spam, ham) VALUES ($1, GREATEST($2, 0), GREATEST($3, 0))
         ON CONFLICT (site_id) DO UPDATE SET spam = GREATEST(spam_corpus.spam + $2, 0), ham = GREATEST(spam_corpus.ham + $3, 0)`,
        [Number(key), d[0], d[1]],
      );
    }
    const counts = [...diff(before.counts, now.counts)].sort(([a], [b]) => (a < b ? -1 : 1));
    if (counts.length > 0) {
      const keys = counts.map(([k]) => splitKey(k));
      await manager.query(
        `INSERT INTO spam_tokens AS t (site_id, token, spam, ham)
         SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::int[])
         ON CONFLICT (site_id, token) DO UPDATE SET spam = GREATEST(t.spam + EXCLUDED.spam, 0), ham = GREATEST(t.ham + EXCLUDED.ham, 0)`,
        [keys.map((k) => k[0]), keys.map((k) => k[1]), counts.map(([, d]) => d[0]), counts.map(([, d]) => d[1])],
      );
      await manager.query(
        `DELETE FROM spam_tokens t USING unnest($1::int[], $2::text[]) AS d(site_id, token)
          WHERE t.site_id = d.site_id AND t.token = d.token AND t.spam <= 0 AND t.ham <= 0`,
        [keys.map((k) => k[0]), keys.map((k) => k[1])],
      );
    }
    const weights = [...diff(before.weights, now.weights)].sort(([a], [b]) => (a < b ? -1 : 1));
    if (weights.length > 0) {
      const keys = weights.map(([k]) => splitKey(k));
      const sites = keys.map((k) => k[0]);
      const features = keys.map((k) => Number(k[1]));
      await manager.query(
        `INSERT INTO spam_weights AS w (site_id, feature, weight, seen)
         SELECT * FROM unnest($1::int[], $2::int[], $3::float8[], $4::int[])
         ON CONFLICT (site_id, feature) DO UPDATE SET weight = w.weight + EXCLUDED.weight, seen = GREATEST(w.seen + EXCLUDED.seen, 0)`,
        [sites, features, weights.map(([, d]) => d[0]), weights.map(([, d]) => d[1])],
      );
      await manager.query(
        `DELETE FROM spam_weights w USING unnest($1::int[], $2::int[]) AS d(site_id, feature)
          WHERE w.site_id = d.site_id AND w.feature = d.feature AND w.seen <= 0`,
        [sites, features],
      );
    }
    const gone = [...records].filter(([, r]) => r.record === null).map(([id]) => id);
    if (gone.length > 0) await manager.query('DELETE FROM spam_training WHERE comment_id = ANY($1::bigint[])', [gone]);
    const kept = [...records].filter(([, r]) => r.record !== null) as Array<[number, { siteId: number; record: TrainingRecord }]>;
    if (kept.length > 0) {
      await manager.query(
        `INSERT INTO spam_training (comment_id, site_id, label, taught, global_step, site_step, fingerprint)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::boolean[], $5::float8[], $6::float8[], $7::text[])
         ON CONFLICT (comment_id) DO UPDATE SET label = EXCLUDED.label, taught = EXCLUDED.taught, global_step = EXCLUDED.global_step,
           site_step = EXCLUDED.site_step, fingerprint = EXCLUDED.fingerprint, created_at = now()`,
        [
          kept.map(([id]) => id),
          kept.map(([, r]) => r.siteId),
          kept.map(([, r]) => r.record.label),
          kept.map(([, r]) => r.record.taught),
          kept.map(([, r]) => r.record.steps.global),
          kept.map(([, r]) => r.record.steps.site),
          kept.map(([, r]) => r.record.fingerprint),
        ],
      );
    }
  }

  /**
   * Keeps each model within MAX_MODEL_ROWS token counts and as many weights, checked every
   * PRUNE_EVERY lessons: the rarest go first (in one comment, then two, …), as ModelTables.prune.
   */
  private async pruneIfDue(siteId: number): Promise<void> {
    for (const model of modelsOf(siteId)) {
      const [corpus] = await this.dataSource.query('SELECT spam + ham AS n FROM spam_corpus WHERE site_id = $1', [model]);
      if (!corpus || corpus.n % PRUNE_EVERY !== 0) continue;
      await this.prune(model);
    }
  }

  async prune(model: number, max = MAX_MODEL_ROWS): Promise<void> {
    for (const [table, rarity] of [
      ['spam_tokens', 'spam + ham'],
      ['spam_weights', 'seen'],
    ] as const) {
      for (let rarest = 1; ; rarest += 1) {
        const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE site_id = $1`, [model]);
        if (n <= max) break;
        await this.dataSource.query(`DELETE FROM ${table} WHERE site_id = $1 AND ${rarity} <= $2`, [model, rarest]);
      }
    }
  }
}

export interface Lesson {
  siteId: number;
  commentId: number;
  tokens: string[];
  /** null: a decision taken back (unapproved, restored out of spam): only unlearn. */
  label: Label | null;
}

interface TrainingRow {
  comment_id: number;
  site_id: number;
  label: Label;
  taught: boolean;
  global_step: number;
  site_step: number;
  fingerprint: string | null;
}

function recordOf(r: TrainingRow): TrainingRecord & { siteId: number } {
  return {
    siteId: r.site_id,
    label: r.label,
    taught: r.taught,
    steps: { global: r.global_step, site: r.site_step },
    // Lessons from before fingerprints: never counted as anyone's duplicate.
    fingerprint: r.fingerprint ?? '',
  };
}

interface Snapshot {
  corpus: Map<string, [number, number]>;
  counts: Map<string, [number, number]>;
  weights: Map<string, [number, number]>;
}

const KEY = '\u0000';
const splitKey = (key: string): [number, string] => {
  const at = key.indexOf(KEY);
  return [Number(key.slice(0, at)), key.slice(at + 1)];
};

function snapshot(tables: ModelTables): Snapshot {
  const s: Snapshot = { corpus: new Map(), counts: new Map(), weights: new Map() };
  for (const [model, t] of tables.corpus) s.corpus.set(String(model), [t.spam, t.ham]);
  for (const [model, counts] of tables.counts) for (const [token, c] of counts) s.counts.set(`${model}${KEY}${token}`, [c.spam, c.ham]);
  for (const [model, weights] of tables.weights) for (const [feature, w] of weights) s.weights.set(`${model}${KEY}${feature}`, [w.weight, w.seen]);
  return s;
}

function diff(before: Map<string, [number, number]>, after: Map<string, [number, number]>): Map<string, [number, number]> {
  const changes = new Map<string, [number, number]>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [a0, a1] = before.get(key) ?? [0, 0];
    const [b0, b1] = after.get(key) ?? [0, 0];
    if (a0 !== b0 || a1 !== b1) changes.set(key, [b0 - a0, b1 - a1]);
  }
  return changes;
}
