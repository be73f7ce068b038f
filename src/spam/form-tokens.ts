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

/** The article a form was for: tokens are bound to its URL, older ones to its id. */
export interface FormArticle {
  id: number;
  url: string;
}

/** Marks tokens bound to the article's URL, which exist before the article's first comment creates its row. */
const URL_BOUND = 'u';

/**
 * Handed out with each thread and sent back with the form: signed, bound to the site and the
 * article's canonical URL, and dated, so the spam checks can tell a form filled in seconds by a
 * script from a reader's. Each carries a random part of its own, so two readers who load a page in
 * the same second hold different tokens, and each token's uses can be counted (form-token-uses.ts).
 */
@Injectable()
export class FormTokens {
  constructor(private readonly secrets: SecretsService) {}

  issue(siteId: number, articleUrl: string, now = Date.now()): string {
    const issuedAt = Math.floor(now / 1000);
    const nonce = randomBytes(9).toString('base64url');
    return `${URL_BOUND}.${issuedAt}.${nonce}.${this.secrets.mac('form-token-url', `${siteId}|${articleUrl}|${issuedAt}|${nonce}`)}`;
  }

  check(token: string | undefined, siteId: number, article: FormArticle, now = Date.now()): FormTokenCheck {
    const parts = (token ?? '').split('.');
    let signed: { purpose: string; text: string } | null = null;
    let issued: string | undefined;
    let mac: string | undefined;
    if (parts.length === 4 && parts[0] === URL_BOUND) {
      const nonce = parts[2];
      [, issued, , mac] = parts;
      signed = { purpose: 'form-token-url', text: `${siteId}|${article.url}|${issued}|${nonce}` };
    } else if ((parts.length === 3 || parts.length === 4) && Number(parts[0]) === article.id) {
      // Handed out while tokens were bound to the article's id (article.issued[.nonce].mac): good for their day.
      const nonce = parts.length === 4 ? parts[2] : null;
      [issued, mac] = [parts[1], parts[parts.length - 1]];
      signed = { purpose: 'form-token', text: nonce === null ? `${siteId}:${article.id}:${issued}` : `${siteId}:${article.id}:${issued}:${nonce}` };
    }
    const issuedAt = Number(issued);
    const age = Math.floor(now / 1000) - issuedAt;
    const valid =
      signed !== null &&
      Number.isInteger(issuedAt) &&
      age >= 0 &&
      age <= MAX_AGE_SECONDS &&
      typeof mac === 'string' &&
      this.secrets.macMatches(signed.purpose, signed.text, mac);
    return { valid, ageSeconds: valid ? age : null };
  }
}
