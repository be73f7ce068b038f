import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, In } from 'typeorm';
import { ClassifierCounts, type TokenCounts, type Totals } from './bayes.js';
import { GLOBAL_MODEL, SpamCorpus, SpamToken, SpamTraining } from './spam-model.entity.js';

export type Label = 'spam' | 'ham';

/** A site's own decisions count twice: once in the model every site shares, once in its own. */
const modelsOf = (siteId: number) => [GLOBAL_MODEL, siteId];
const TOTALS_CACHE_MS = 5_000;

/** The classifier's counts in PostgreSQL, per site and shared. */
@Injectable()
export class ClassifierStore implements ClassifierCounts {
  private readonly totalsCache = new LRUCache<number, Totals>({ max: 10_000, ttl: TOTALS_CACHE_MS });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totals(siteId: number): Promise<Totals> {
    const cached = this.totalsCache.get(siteId);
    if (cached) return cached;
    const rows = await this.dataSource.getRepository(SpamCorpus).findBy({ siteId: In(modelsOf(siteId)) });
    const totals = rows.reduce((sum, row) => ({ spam: sum.spam + row.spam, ham: sum.ham + row.ham }), { spam: 0, ham: 0 });
    this.totalsCache.set(siteId, totals);
    return totals;
  }

  async counts(siteId: number, tokens: string[]): Promise<Map<string, TokenCounts>> {
    const counts = new Map<string, TokenCounts>();
    if (tokens.length === 0) return counts;
    const rows = await this.dataSource.getRepository(SpamToken).findBy({ siteId: In(modelsOf(siteId)), token: In(tokens) });
    for (const row of rows) {
      const sum = counts.get(row.token) ?? { spam: 0, ham: 0 };
      counts.set(row.token, { spam: sum.spam + row.spam, ham: sum.ham + row.ham });
    }
    return counts;
  }

  /**
   * Learns what moderators decided about comments, in one transaction however many there are (a
   * bulk action sends hundreds at once). Deciding the same again teaches nothing; the opposite
   * decision first unlearns the earlier one. Answers how many comments taught something.
   */
  async learn(lessons: Lesson[]): Promise<number> {
    if (lessons.length === 0) return 0;
    const learned = await this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(lessons.map((l) => l.commentId))];
      const earlier = await manager
        .getRepository(SpamTraining)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.comment_id IN (:...ids)', { ids })
        .getMany();
      const labels = new Map<number, Label>(earlier.map((t) => [t.commentId, t.label]));
      const corpus = new Map<number, { spam: number; ham: number }>();
      const tokens = new Map<string, { siteId: number; token: string; spam: number; ham: number }>();
      const training = new Map<number, { commentId: number; siteId: number; label: Label }>();
      const add = (siteId: number, token: string | null, label: Label, by: number) => {
        for (const model of modelsOf(siteId)) {
          const totals = corpus.get(model) ?? { spam: 0, ham: 0 };
          if (token === null) {
            totals[label] += by;
            corpus.set(model, totals);
            continue;
          }
          const key = `${model}|${token}`;
          const counts = tokens.get(key) ?? { siteId: model, token, spam: 0, ham: 0 };
          counts[label] += by;
          tokens.set(key, counts);
        }
      };
      for (const lesson of lessons) {
        const before = labels.get(lesson.commentId);
        if (before === lesson.label) continue;
        for (const token of [null, ...new Set(lesson.tokens)]) {
          add(lesson.siteId, token, lesson.label, 1);
          if (before) add(lesson.siteId, token, before, -1);
        }
        labels.set(lesson.commentId, lesson.label);
        training.set(lesson.commentId, { commentId: lesson.commentId, siteId: lesson.siteId, label: lesson.label });
      }
      if (training.size === 0) return [];
      // Rows in one order in every transaction, so two nodes learning at once never deadlock.
      const sortedCorpus = [...corpus].sort(([a], [b]) => a - b);
      for (const [model, delta] of sortedCorpus) {
        await manager.query(
          `INSERT INTO spam_corpus (site_id, spam, ham) VALUES ($1, GREATEST($2, 0), GREATEST($3, 0))
           ON CONFLICT (site_id) DO UPDATE SET spam = GREATEST(spam_corpus.spam + $2, 0), ham = GREATEST(spam_corpus.ham + $3, 0)`,
          [model, delta.spam, delta.ham],
        );
      }
      const rows = [...tokens.values()].sort((a, b) => a.siteId - b.siteId || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
      if (rows.length > 0) {
        const deltas = [rows.map((r) => r.siteId), rows.map((r) => r.token), rows.map((r) => r.spam), rows.map((r) => r.ham)];
        await manager.query(
          `INSERT INTO spam_tokens AS t (site_id, token, spam, ham)
           SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::int[])
           ON CONFLICT (site_id, token) DO UPDATE SET spam = t.spam + EXCLUDED.spam, ham = t.ham + EXCLUDED.ham`,
          deltas,
        );
        // Counts never go below zero, even when unlearning what an older model never counted.
        await manager.query(
          `UPDATE spam_tokens t SET spam = GREATEST(t.spam, 0), ham = GREATEST(t.ham, 0)
             FROM unnest($1::int[], $2::text[]) AS d(site_id, token)
            WHERE t.site_id = d.site_id AND t.token = d.token AND (t.spam < 0 OR t.ham < 0)`,
          deltas.slice(0, 2),
        );
      }
      await manager.getRepository(SpamTraining).upsert([...training.values()], ['commentId']);
      return [...new Set([...training.values()].map((t) => t.siteId))];
    });
    for (const siteId of learned) this.totalsCache.delete(siteId);
    return learned.length;
  }
}

export interface Lesson {
  siteId: number;
  commentId: number;
  tokens: string[];
  label: Label;
}
