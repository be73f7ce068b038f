import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { SecretsService } from '../secrets/secrets.service.js';

export interface RateLimit {
  /** Distinguishes limits sharing the table. */
  name: string;
  points: number;
  seconds: number;
}

/**
 * Counters kept by rate-limiter-flexible in PostgreSQL (the `rate_limits` table), so every node
 * counts the same attempts. Keys are keyed hashes: the table never holds an address or an email.
 */
@Injectable()
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterPostgres>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: SecretsService,
  ) {}

  /**
   * Spends one point, or refuses with 429 when none is left. The point is spent before the work it
   * pays for, so parallel tries cannot all pass a check made before any of them was counted.
   */
  async take(limit: RateLimit, subject: string, message: string): Promise<void> {
    const over = await this.spend(limit, subject);
    if (over) throw tooMany(message, over.msBeforeNext);
  }

  /** Spends one point without refusing: how many points this subject is now beyond the limit (0 within it). */
  async overBy(limit: RateLimit, subject: string): Promise<number> {
    const over = await this.spend(limit, subject);
    return over ? over.consumedPoints - limit.points : 0;
  }

  /** Refuses with 429 when the limit is already used up, spending nothing (for limits counted after the fact, like flags). */
  async ensureLeft(limit: RateLimit, subject: string, message: string): Promise<void> {
    const state = await this.limiter(limit).get(this.key(limit, subject));
    if (state && state.remainingPoints <= 0) throw tooMany(message, state.msBeforeNext);
  }

  /** Spends one point without refusing (the caller already answers). */
  async penalise(limit: RateLimit, subject: string): Promise<void> {
    await this.limiter(limit).penalty(this.key(limit, subject));
  }

  /** Gives a spent point back (the try it paid for turned out legitimate). */
  async giveBack(limit: RateLimit, subject: string): Promise<void> {
    await this.limiter(limit).reward(this.key(limit, subject), 1);
  }

  async reset(limit: RateLimit, subject: string): Promise<void> {
    await this.limiter(limit).delete(this.key(limit, subject));
  }

  /** Null within the limit; the limiter's state when beyond it. */
  private async spend(limit: RateLimit, subject: string): Promise<RateLimiterRes | null> {
    try {
      await this.limiter(limit).consume(this.key(limit, subject));
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  }

  private key(limit: RateLimit, subject: string): string {
    return this.secrets.mac(`rate-limit:${limit.name}`, subject);
  }

  private limiter(limit: RateLimit): RateLimiterPostgres {
    // Points may be a site's setting: a limit changed since is a limiter of its own, counting in the same rows.
    const id = `${limit.name}:${limit.points}:${limit.seconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: unnamedStatements(this.dataSource),
        storeType: 'pool',
        tableName: 'rate_limits',
        // Created by the Moderation migration, like every other table.
        tableCreated: true,
        keyPrefix: limit.name,
        points: limit.points,
        duration: limit.seconds,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/**
 * rate-limiter-flexible's store for our PostgreSQL pool, sending its queries as unnamed statements.
 * It names them (`rate_limits:rlflx-upsert`), so pg prepares each once per connection and keeps a
 * record of it; under load that record fell out of step with the server, and every later use of
 * the connection answered "prepared statement … already exists": sign-ins failed with 500s. An
 * unnamed statement is parsed on each use, which costs PostgreSQL microseconds.
 */
export function unnamedStatements(dataSource: DataSource): { query(statement: { text: string; values?: unknown[] }): Promise<pg.QueryResult> } {
  const pool = (dataSource.driver as PostgresDriver).master as pg.Pool;
  return { query: ({ text, values }) => pool.query(text, values) };
}

/** A refusal that says when to come back: `retryAfter` (seconds) in the body, and as Retry-After by the controller. */
export function tooMany(message: string, msBeforeNext: number, status = HttpStatus.TOO_MANY_REQUESTS): HttpException {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = retryAfter < 90 ? `${retryAfter} second${retryAfter === 1 ? '' : 's'}` : `${Math.ceil(retryAfter / 60)} minutes`;
  const error = status === HttpStatus.TOO_MANY_REQUESTS ? 'Too Many Requests' : 'Service Unavailable';
  return new HttpException({ statusCode: status, error, message: `${message} Try again in ${wait}.`, retryAfter }, status);
}

/** The seconds a refusal made by tooMany asks the client to wait, if it is one. */
export function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof HttpException)) return null;
  const response = error.getResponse() as { retryAfter?: unknown };
  return typeof response === 'object' && typeof response.retryAfter === 'number' ? response.retryAfter : null;
}
