import { randomBytes } from 'node:crypto';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { errors, importSPKI, jwtVerify, type JWTPayload, type KeyObject } from 'jose';
import { LRUCache } from 'lru-cache';
import { safeHttpUrl } from '../browser/safe-url.js';
import { isWordPressEmail } from '../threads/email-address.js';
import type { Site } from './site.entity.js';

/** A reader the news site signed in, as its token names them. */
export interface SignedInReader {
  /** The site's own id for the account (`sub`). */
  account: string;
  name: string;
  email: string;
  avatar: string | null;
  profile: string | null;
}

/** How a site's tokens are signed, if at all; never the secret itself. */
export type SignInMethod = 'off' | 'secret' | 'public-key';

/** A sign-in token a site's server made must expire within this: it is handed to a browser. */
const MAX_LIFETIME_SECONDS = 86_400;
/** Clocks of two servers disagree a little. */
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ACCOUNT = 200;
const MAX_NAME_BYTES = 245;
const MAX_EMAIL_BYTES = 100;
const MAX_URL = 200;

/** Why a sign-in token was refused, in words a reader can act on (401, with a code for the widget). */
export class SignInRefused extends HttpException {
  constructor(message: string, code: 'sign-in-expired' | 'sign-in-other-site' | 'sign-in-invalid') {
    super({ statusCode: HttpStatus.UNAUTHORIZED, error: 'Unauthorized', message, code }, HttpStatus.UNAUTHORIZED);
  }
}

/** A site that takes comments from signed-in readers only, as WordPress's comment_registration answers (403). */
export class SignInRequired extends HttpException {
  constructor() {
    super({ statusCode: HttpStatus.FORBIDDEN, error: 'Forbidden', message: SIGN_IN_MESSAGES.required, code: 'sign-in-required' }, HttpStatus.FORBIDDEN);
  }
}

export const SIGN_IN_MESSAGES = {
  /** WordPress's words for comment_registration. */
  required: 'Sorry, you must be logged in to comment.',
  expired: 'Your sign-in has expired: sign in again.',
  otherSite: 'This sign-in is for another site.',
  invalid: 'This sign-in could not be checked: sign in again.',
  tooLong: `This sign-in lasts too long: the site must make tokens that expire within ${MAX_LIFETIME_SECONDS / 3600} hours.`,
  claims: 'This sign-in does not name the reader: it needs sub, name and a valid email.',
} as const;

/**
 * "Sign in with the site's own accounts": the news site's server signs a short-lived JWT for its
 * subscriber (HS256 with the secret Kolom made for the site, or EdDSA with a key pair whose public
 * half the site gave Kolom), with `aud` the site's slug and the claims `sub`, `name`, `email` and
 * optionally `avatar` and `profile`. Verified with `jose`; algorithms are fixed by how the site is
 * set up, so a token cannot choose a weaker one.
 */
@Injectable()
export class SiteSignIn {
  private readonly publicKeys = new LRUCache<string, KeyObject | Uint8Array>({ max: 1_000 });

  method(site: Site): SignInMethod {
    return site.signInPublicKey ? 'public-key' : site.signInSecret ? 'secret' : 'off';
  }

  /** A new secret for HS256: 32 random bytes, base64url. */
  newSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The PEM, when it is an Ed25519 public key; null otherwise. */
  async checkedPublicKey(pem: string): Promise<string | null> {
    const trimmed = pem.trim();
    try {
      await importSPKI(trimmed, 'EdDSA');
      return trimmed;
    } catch {
      return null;
    }
  }

  async verify(site: Site, token: string): Promise<SignedInReader> {
    const method = this.method(site);
    if (method === 'off') throw new SignInRefused(SIGN_IN_MESSAGES.invalid, 'sign-in-invalid');
    let payload: JWTPayload;
    try {
      const key = method === 'public-key' ? await this.publicKey(site.signInPublicKey!) : new TextEncoder().encode(site.signInSecret!);
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [method === 'public-key' ? 'EdDSA' : 'HS256'],
        audience: site.slug,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new SignInRefused(SIGN_IN_MESSAGES.expired, 'sign-in-expired');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') throw new SignInRefused(SIGN_IN_MESSAGES.otherSite, 'sign-in-other-site');
      throw new SignInRefused(SIGN_IN_MESSAGES.invalid, 'sign-in-invalid');
    }
    if (payload.exp! - Math.floor(Date.now() / 1000) > MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      throw new SignInRefused(SIGN_IN_MESSAGES.tooLong, 'sign-in-invalid');
    }
    return readerOf(payload);
  }

  private async publicKey(pem: string): Promise<KeyObject | Uint8Array> {
    let key = this.publicKeys.get(pem);
    if (!key) {
      key = await importSPKI(pem, 'EdDSA');
      this.publicKeys.set(pem, key);
    }
    return key;
  }
}

function readerOf(payload: JWTPayload): SignedInReader {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const account = text(payload.sub);
  const name = text(payload.name);
  const email = text(payload.email).toLowerCase();
  const bytes = (value: string) => Buffer.byteLength(value, 'utf8');
  if (!account || account.length > MAX_ACCOUNT || !name || bytes(name) > MAX_NAME_BYTES || bytes(email) > MAX_EMAIL_BYTES || !isWordPressEmail(email)) {
    throw new SignInRefused(SIGN_IN_MESSAGES.claims, 'sign-in-invalid');
  }
  // Optional pictures and profile links: kept only when they are plain http(s) addresses.
  const link = (value: unknown) => {
    const url = text(value);
    return url && url.length <= MAX_URL ? safeHttpUrl(url) : null;
  };
  return { account, name, email, avatar: link(payload.avatar), profile: link(payload.profile) };
}
