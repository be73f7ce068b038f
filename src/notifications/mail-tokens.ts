import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretsService } from '../secrets/secrets.service.js';

/** What a link in an email, or a reader's proof of address, may do. */
export type MailTokenPurpose = 'confirm' | 'unsubscribe-thread' | 'unsubscribe-site' | 'export' | 'erase' | 'reader';

/** What a token names: ids only, so a link in a log or a browser's history shows no address. */
export interface MailTokenClaims {
  purpose: MailTokenPurpose;
  /** The reader's address row (reader_addresses.id). */
  address: number;
  /** The comment a confirmation is for. */
  comment?: number;
  /** The thread an unsubscribe is for. */
  article?: number;
}

export interface CheckedMailToken extends MailTokenClaims {
  /** Names one use of a single-use token (mail_token_uses). */
  nonce: string;
  expiresAt: Date;
}

const DAY_SECONDS = 86_400;

/**
 * How long each link works. A confirmation waits a week for its reader; an erasure or export link
 * is a day's capability over someone's words; unsubscribe links and the reader's proof of address
 * must still work when an old email or a returning reader's browser brings them back.
 */
export const MAIL_TOKEN_LIFE_SECONDS: Record<MailTokenPurpose, number> = {
  confirm: 7 * DAY_SECONDS,
  'unsubscribe-thread': 365 * DAY_SECONDS,
  'unsubscribe-site': 365 * DAY_SECONDS,
  export: DAY_SECONDS,
  erase: DAY_SECONDS,
  reader: 365 * DAY_SECONDS,
};

/**
 * Signed, expiring tokens for links in email and for the reader's proof of a confirmed address:
 * `<claims as base64url JSON>.<mac>`, the mac keyed by the instance secret and separated by
 * purpose, so a token of one kind never passes as another. Tokens that change something are
 * spent once (MailTokenUses) by their nonce.
 */
@Injectable()
export class MailTokens {
  constructor(private readonly secrets: SecretsService) {}

  issue(claims: MailTokenClaims, now = Date.now()): string {
    const body = {
      p: claims.purpose,
      a: claims.address,
      ...(claims.comment === undefined ? {} : { c: claims.comment }),
      ...(claims.article === undefined ? {} : { t: claims.article }),
      x: Math.floor(now / 1000) + MAIL_TOKEN_LIFE_SECONDS[claims.purpose],
      n: randomBytes(9).toString('base64url'),
    };
    const text = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${text}.${this.secrets.mac(`mail-${claims.purpose}`, text)}`;
  }

  /** The claims, when the token is well signed, of this purpose and not expired; null otherwise. */
  check(token: unknown, purposes: readonly MailTokenPurpose[], now = Date.now()): CheckedMailToken | null {
    if (typeof token !== 'string' || token.length > 400) return null;
    const [text, mac, extra] = token.split('.');
    if (!text || !mac || extra !== undefined) return null;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return null;
    }
    const purpose = body.p as MailTokenPurpose;
    if (!purposes.includes(purpose) || !this.secrets.macMatches(`mail-${purpose}`, text, mac)) return null;
    if (!isId(body.a) || typeof body.x !== 'number' || typeof body.n !== 'string' || body.x * 1000 < now) return null;
    if ((body.c !== undefined && !isId(body.c)) || (body.t !== undefined && !isId(body.t))) return null;
    return {
      purpose,
      address: body.a,
      ...(body.c === undefined ? {} : { comment: body.c as number }),
      ...(body.t === undefined ? {} : { article: body.t as number }),
      nonce: body.n,
      expiresAt: new Date(body.x * 1000),
    };
  }
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
