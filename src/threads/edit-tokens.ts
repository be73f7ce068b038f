import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { constantTimeEqual, sha256 } from '../hashing/hashing.js';
import { SecretsService } from '../secrets/secrets.service.js';
import type { Comment } from './comment.entity.js';

/**
 * The token that lets an author edit or delete their comment for a while. Only its hash is stored.
 * With an idempotency key the token is derived from it (keyed by the server's secret), so a retried
 * submission is answered with the very token the first answer carried.
 */
@Injectable()
export class EditTokens {
  constructor(private readonly secrets: SecretsService) {}

  issue(siteId: number, idempotencyKey: string | null | undefined): string {
    return idempotencyKey ? this.forIdempotencyKey(siteId, idempotencyKey) : randomBytes(32).toString('base64url');
  }

  forIdempotencyKey(siteId: number, idempotencyKey: string): string {
    return this.secrets.mac('edit-token', `${siteId}:${idempotencyKey}`);
  }

  hash(token: string): string {
    return sha256(token);
  }

  matches(comment: Comment, token: string | undefined): boolean {
    return typeof token === 'string' && token.length > 0 && constantTimeEqual(this.hash(token), comment.editTokenHash);
  }
}
