import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretsService } from '../secrets/secrets.service.js';

export interface FormTokenCheck {
  valid: boolean;
  /** Seconds since the form was handed out; null when the token is not valid. */
  ageSeconds: number | null;
}

/** Tokens are only worth checking within a day: an older one is as good as none. */
const MAX_AGE_SECONDS = 86_400;

/**
 * Handed out with each thread and sent back with the form: signed, bound to the site and article,
 * and dated, so the spam checks can tell a form filled in seconds by a script from a reader's.
 * Each carries a random part of its own, so two readers who load a page in the same second hold
 * different tokens, and each token's uses can be counted (form-token-uses.ts).
 */
@Injectable()
export class FormTokens {
  constructor(private readonly secrets: SecretsService) {}

  issue(siteId: number, articleId: number, now = Date.now()): string {
    const issuedAt = Math.floor(now / 1000);
    const nonce = randomBytes(9).toString('base64url');
    return `${articleId}.${issuedAt}.${nonce}.${this.secrets.mac('form-token', `${siteId}:${articleId}:${issuedAt}:${nonce}`)}`;
  }

  check(token: string | undefined, siteId: number, articleId: number, now = Date.now()): FormTokenCheck {
    const parts = (token ?? '').split('.');
    // Tokens handed out before they carried a random part (article.issued.mac) stay good for their day.
    const [article, issued, nonce, mac] = parts.length === 3 ? [parts[0], parts[1], null, parts[2]] : parts;
    const issuedAt = Number(issued);
    const age = Math.floor(now / 1000) - issuedAt;
    const signed = nonce === null ? `${siteId}:${articleId}:${issuedAt}` : `${siteId}:${articleId}:${issuedAt}:${nonce}`;
    const valid =
      (parts.length === 3 || parts.length === 4) &&
      Number(article) === articleId &&
      Number.isInteger(issuedAt) &&
      age >= 0 &&
      age <= MAX_AGE_SECONDS &&
      typeof mac === 'string' &&
      this.secrets.macMatches('form-token', signed, mac);
    return { valid, ageSeconds: valid ? age : null };
  }
}
