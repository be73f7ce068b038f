import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { unnamedStatements } from '../rate-limits/rate-limits.js';
import { SecretsService } from '../secrets/secrets.service.js';

/**
 * How many comments one form token vouches for. A reader may post several comments, replies
 * included, from one page load; a script that fetched one token to post all day may not.
 */
export const FORM_TOKEN_USES = 5;

/** As long as a token is valid (form-tokens.ts): after that it vouches for nothing anyway. */
const TOKEN_LIFE_SECONDS = 86_400;

/**
 * Counts each form token's uses in the shared `rate_limits` table (rate-limiter-flexible, as the
 * moderation limits), so the count holds across every node. Keyed by a keyed hash of the token:
 * the table never holds a token. One atomic upsert per comment that comes with a valid token.
 */
@Injectable()
export class FormTokenUses {
  private readonly limiter: RateLimiterPostgres;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly secrets: SecretsService,
  ) {
    this.limiter = new RateLimiterPostgres({
      storeClient: unnamedStatements(dataSource),
      storeType: 'pool',
      tableName: 'rate_limits',
      // Created by the Moderation migration, like every other table.
      tableCreated: true,
      keyPrefix: 'form-token-uses',
      points: FORM_TOKEN_USES,
      duration: TOKEN_LIFE_SECONDS,
    });
  }

  /** Counts one more use of the token; false once it has vouched for FORM_TOKEN_USES comments. */
  async spend(token: string): Promise<boolean> {
    try {
      await this.limiter.consume(this.secrets.mac('form-token-use', token));
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  }
}
