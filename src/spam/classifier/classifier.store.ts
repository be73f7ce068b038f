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
   * Learns what a moderator decided about a comment. Deciding the same again teaches nothing; the
   * opposite decision first unlearns the earlier one. One transaction: counts never half-move.
   */
  async learn(siteId: number, commentId: number, tokens: string[], label: Label): Promise<boolean> {
    const learned = await this.dataSource.transaction(async (manager) => {
      const earlier = await manager
        .getRepository(SpamTraining)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.comment_id = :commentId', { commentId })
        .getOne();
      if (earlier?.label === label) return false;
      const delta = { spam: 0, ham: 0 };
      delta[label] += 1;
      if (earlier) delta[earlier.label] -= 1;
      for (const model of modelsOf(siteId)) {
        await manager.query(
          `INSERT INTO spam_corpus (site_id, spam, ham) VALUES ($1, GREATEST($2, 0), GREATEST($3, 0))
           ON CONFLICT (site_id) DO UPDATE SET spam = GREATEST(spam_corpus.spam + $2, 0), ham = GREATEST(spam_corpus.ham + $3, 0)`,
          [model, delta.spam, delta.ham],
        );
        if (tokens.length > 0) {
          await manager.query(
            `INSERT INTO spam_tokens (site_id, token, spam, ham)
             SELECT $1, token, GREATEST($3, 0), GREATEST($4, 0) FROM unnest($2::text[]) AS token
             ON CONFLICT (site_id, token) DO UPDATE
               SET spam = GREATEST(spam_tokens.spam + $3, 0), ham = GREATEST(spam_tokens.ham + $4, 0)`,
            [model, tokens, delta.spam, delta.ham],
          );
        }
      }
      await manager.getRepository(SpamTraining).upsert({ commentId, siteId, label }, ['commentId']);
      return true;
    });
    if (learned) this.totalsCache.delete(siteId);
    return learned;
  }
}
