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
 */
@Injectable()
export class FormTokens {
  constructor(private readonly secrets: SecretsService) {}

  issue(siteId: number, articleId: number, now = Date.now()): string {
    const issuedAt = Math.floor(now / 1000);
    return `${articleId}.${issuedAt}.${this.secrets.mac('form-token', `${siteId}:${articleId}:${issuedAt}`)}`;
  }

  check(token: string | undefined, siteId: number, articleId: number, now = Date.now()): FormTokenCheck {
    const [article, issued, mac] = (token ?? '').split('.');
    const issuedAt = Number(issued);
    const age = Math.floor(now / 1000) - issuedAt;
    const valid =
      Number(article) === articleId &&
      Number.isInteger(issuedAt) &&
      age >= 0 &&
      age <= MAX_AGE_SECONDS &&
      typeof mac === 'string' &&
      this.secrets.macMatches('form-token', `${siteId}:${articleId}:${issuedAt}`, mac);
    return { valid, ageSeconds: valid ? age : null };
  }
}
