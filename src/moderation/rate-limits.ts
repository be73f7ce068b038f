import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
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

  /** Refuses with 429 when the limit is already used up, spending nothing. */
  async ensureLeft(limit: RateLimit, subject: string, message: string): Promise<void> {
    const state = await this.limiter(limit).get(this.key(limit, subject));
    if (state && state.remainingPoints <= 0) throw tooMany(message, state.msBeforeNext);
  }

  /** Spends one point without refusing (the caller already answers). */
  async penalise(limit: RateLimit, subject: string): Promise<void> {
    await this.limiter(limit).penalty(this.key(limit, subject));
  }

  async reset(limit: RateLimit, subject: string): Promise<void> {
    await this.limiter(limit).delete(this.key(limit, subject));
  }

  private key(limit: RateLimit, subject: string): string {
    return this.secrets.mac(`rate-limit:${limit.name}`, subject);
  }

  private limiter(limit: RateLimit): RateLimiterPostgres {
    let limiter = this.limiters.get(limit.name);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.dataSource,
        storeType: 'typeorm',
        tableName: 'rate_limits',
        // Created by the Moderation migration, like every other table.
        tableCreated: true,
        keyPrefix: limit.name,
        points: limit.points,
        duration: limit.seconds,
      });
      this.limiters.set(limit.name, limiter);
    }
    return limiter;
  }
}

function tooMany(message: string, msBeforeNext: number): HttpException {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = retryAfter < 90 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`;
  return new HttpException(
    { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `${message} Try again in ${wait}.`, retryAfter },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
