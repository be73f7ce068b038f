import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sha256 } from '../../hashing/hashing.js';
import { ModerationEvents, SignedOutEvent } from '../moderation-events.js';
import { type CurrentSession, PASSWORD_CHANGE_REQUIRED, type SignedIn } from '../moderation-answers.js';
import { ModeratorIdentity } from './moderator-identity.js';

export type { CurrentSession, SignedIn } from '../moderation-answers.js';
import { Moderator, ModeratorSession, ModeratorSite } from './moderator.entity.js';
import { toPublicModerator } from './moderators.service.js';
import { announceEndedSessions } from './ended-sessions.js';
import { PasswordChecks } from './password-checks.js';
import { UNKNOWN_ACCOUNT_HASH } from './passwords.js';
import { type RateLimit, RateLimits } from '../../rate-limits/rate-limits.js';

/** A shift, with room to spare; signing out ends it sooner. */
export const SESSION_HOURS = 12;
const HOUR_MS = 3_600_000;

/**
 * OWASP's scheme for sign-in limits: guessing from one address is stopped early, while the account
 * itself is never locked, so whoever can lock out an attacker cannot lock out the owner.
 * One account from one address: 5 wrong tries per 15 minutes, then 429 for that pair only.
 */
const ACCOUNT_ADDRESS_LIMIT: RateLimit = { name: 'sign-in-account-address', points: 5, seconds: 15 * 60 };
/** Trying many accounts from one address: 20 wrong tries per 15 minutes. */
export const ADDRESS_LIMIT: RateLimit = { name: 'sign-in-address', points: 20, seconds: 15 * 60 };
/** One account from anywhere: beyond 20 wrong tries per 15 minutes each try waits, longer and longer, but is tried. */
const ACCOUNT_SLOWDOWN: RateLimit = { name: 'sign-in-account-slowdown', points: 20, seconds: 15 * 60 };
const SLOWDOWN_STEP_MS = 1_000;
const MAX_SLOWDOWN_MS = 10_000;

export const WRONG_CREDENTIALS = 'Wrong email or password.';
export const SESSION_ENDED = 'Your session has ended: sign in again.';
const TOO_MANY = 'Too many failed sign-ins.';
export const CHOOSE_PASSWORD_FIRST =
  'Choose your own password first: POST /api/v1/moderation/session/password with {currentPassword, newPassword}. Until then this session can only do that, read GET /api/v1/moderation/session, and sign out.';
const SIGN_IN_FIRST = 'Sign in first: send "Authorization: Bearer TOKEN" with the token from POST /api/v1/moderation/login.';

export interface AuthenticateOptions {
  /**
   * The route is one a session may use before the account has chosen its own password (choosing
   * it, reading who it is, signing out). Everywhere else such a session is refused with a 403.
   */
  beforePasswordChange?: boolean;
}

/** Signing in and out, and turning a bearer token back into a moderator. */
@Injectable()
export class ModeratorSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly limits: RateLimits,
    private readonly passwordChecks: PasswordChecks,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * One generic answer for an unknown email and a wrong password, and the same scrypt work for
   * both, so the answer and its timing say nothing about which accounts exist.
   */
  async login(rawEmail: string, password: string, ip: string | null): Promise<SignedIn> {
    const email = rawEmail.trim().toLowerCase();
    const address = ip ?? 'unknown';
    const pair = `${email} ${address}`;
    // Every try is counted before its password is hashed: parallel tries cannot all slip under a limit.
    await this.limits.take(ADDRESS_LIMIT, address, TOO_MANY);
    await this.limits.take(ACCOUNT_ADDRESS_LIMIT, pair, TOO_MANY);
    const excess = await this.limits.overBy(ACCOUNT_SLOWDOWN, email);
    if (excess > 0) await sleep(Math.min(excess * SLOWDOWN_STEP_MS, MAX_SLOWDOWN_MS));
    const moderator = await this.dataSource.getRepository(Moderator).findOneBy({ email });
    let matches: boolean;
    try {
      matches = await this.passwordChecks.matches(password, moderator?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    } catch (busy) {
      // Refused for load, not for the password: the try is not held against anyone.
      await this.giveBackAll(address, pair, email);
      throw busy;
    }
    if (!moderator || !matches) throw new UnauthorizedException(WRONG_CREDENTIALS);
    await this.giveBackAll(address, pair, email);
    await this.removeExpired();

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_HOURS * HOUR_MS);
    await this.dataSource.getRepository(ModeratorSession).insert({ moderatorId: moderator.id, tokenHash: sha256(token), expiresAt });
    const sites = await this.siteSlugsOf(moderator.id);
    return { token, expiresAt: expiresAt.toISOString(), moderator: toPublicModerator(moderator, sites), mustChangePassword: moderator.mustChangePassword };
  }

  /** Who the session belongs to, as the sign-in answered it (without the token). */
  /** The moderator's own choice of email about held comments on their sites. */
  async setHeldMail(
    identity: ModeratorIdentity,
    choice: Pick<Moderator, 'heldMail' | 'heldMailMinutes'>,
  ): Promise<Pick<Moderator, 'heldMail' | 'heldMailMinutes'>> {
    await this.dataSource.getRepository(Moderator).update({ id: identity.id }, { heldMail: choice.heldMail, heldMailMinutes: choice.heldMailMinutes });
    return { heldMail: choice.heldMail, heldMailMinutes: choice.heldMailMinutes };
  }

  async current(identity: ModeratorIdentity): Promise<CurrentSession> {
    const moderator = await this.dataSource.getRepository(Moderator).findOneByOrFail({ id: identity.id });
    const sites = await this.siteSlugsOf(moderator.id);
    return {
      expiresAt: identity.sessionExpiresAt.toISOString(),
      moderator: toPublicModerator(moderator, sites),
      mustChangePassword: moderator.mustChangePassword,
    };
  }

  async logout(identity: ModeratorIdentity): Promise<void> {
    await this.dataSource.getRepository(ModeratorSession).delete({ id: identity.sessionId });
    this.events.emit(ModerationEvents.signedOut, new SignedOutEvent(identity.sessionId));
    // The event reaches other nodes through Redis when there is one; this reaches them without.
    await announceEndedSessions((sql, parameters) => this.dataSource.query(sql, parameters), [identity.sessionId]).catch(() => undefined);
  }

  /**
   * The moderator behind a bearer token; 401 for a missing, unknown, expired or revoked one. The one
   * place that holds a session to choosing its own password first: the HTTP guard and the
   * /moderation namespace both ask here, so nothing is reachable with a temporary password that
   * the options do not name.
   */
  async authenticate(token: string | undefined, options: AuthenticateOptions = {}): Promise<ModeratorIdentity> {
    if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new UnauthorizedException(SIGN_IN_FIRST);
    const [row] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.expires_at, m.id, m.email, m.name, m.role, m.must_change_password,
              ARRAY(SELECT site_id FROM moderator_sites WHERE moderator_id = m.id) AS site_ids
         FROM moderator_sessions s JOIN moderators m ON m.id = s.moderator_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [sha256(token)],
    );
    if (!row) throw new UnauthorizedException(SESSION_ENDED);
    const identity = new ModeratorIdentity(
      row.id,
      row.email,
      row.name,
      row.role,
      (row.site_ids as number[]).map(Number),
      Number(row.session_id),
      new Date(row.expires_at),
      row.must_change_password === true,
    );
    if (identity.mustChangePassword && !options.beforePasswordChange) throw passwordChangeRequired();
    return identity;
  }

  /** Of these sessions, the ones still signed in and unexpired. */
  async stillActive(sessionIds: number[]): Promise<Set<number>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(ModeratorSession)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.id IN (:...sessionIds) AND s.expires_at > now()', { sessionIds })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => Number(row.id)));
  }

  private async giveBackAll(address: string, pair: string, email: string): Promise<void> {
    await Promise.all([
      this.limits.giveBack(ADDRESS_LIMIT, address),
      this.limits.giveBack(ACCOUNT_ADDRESS_LIMIT, pair),
      this.limits.giveBack(ACCOUNT_SLOWDOWN, email),
    ]);
  }

  /** Expired sessions are useless: each sign-in clears them out rather than keep them forever. */
  private async removeExpired(): Promise<void> {
    await this.dataSource.getRepository(ModeratorSession).createQueryBuilder().delete().where('expires_at <= now()').execute();
  }

  private async siteSlugsOf(moderatorId: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ModeratorSite)
      .createQueryBuilder('ms')
      .innerJoin('ms.site', 's')
      .select('s.slug', 'slug')
      .where('ms.moderator_id = :moderatorId', { moderatorId })
      .orderBy('s.slug')
      .getRawMany<{ slug: string }>();
    return rows.map((r) => r.slug);
  }
}

/** 403 with a code a client can act on (the desk shows its "Choose a new password" screen). */
export function passwordChangeRequired(): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', code: PASSWORD_CHANGE_REQUIRED, message: CHOOSE_PASSWORD_FIRST });
}
