import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fieldError } from '../../http/field-error.js';
import { AuditLog } from '../audit/audit-log.js';
import type { CurrentSession } from '../moderation-answers.js';
import { ModerationEvents, SignedOutEvent } from '../moderation-events.js';
import { type RateLimit, RateLimits } from '../../rate-limits/rate-limits.js';
import { announceEndedSessions } from './ended-sessions.js';
import type { ModeratorIdentity } from './moderator-identity.js';
import { Moderator, ModeratorSession } from './moderator.entity.js';
import { ADDRESS_LIMIT, ModeratorSessionsService } from './moderator-sessions.service.js';
import { PasswordChecks } from './password-checks.js';
import { hashPassword } from './passwords.js';

/**
 * Wrong current passwords for one account, from anywhere: a stolen token gets 5 guesses per 15
 * minutes at the password behind it, as one address gets at one account's sign-in. The address
 * itself spends from sign-in's own budget, so the two doors together give no more guesses than one.
 */
const ACCOUNT_LIMIT: RateLimit = { name: 'password-change-account', points: 5, seconds: 15 * 60 };

export const WRONG_CURRENT_PASSWORD = 'The current password is wrong.';
export const SAME_PASSWORD = 'The new password must differ from the current one.';
const TOO_MANY = 'Too many wrong passwords.';

/** A signed-in moderator choosing their own password. */
@Injectable()
export class OwnPasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly limits: RateLimits,
    private readonly passwordChecks: PasswordChecks,
    private readonly sessions: ModeratorSessionsService,
    private readonly audit: AuditLog,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Checks the current password, sets the new one and lifts a pending "must change" (a temporary
   * password ends here). Every other session of the account ends, on every node, with its live
   * connections: whoever else knew the old password is out; this session goes on.
   */
  async change(identity: ModeratorIdentity, currentPassword: string, newPassword: string, ip: string | null): Promise<CurrentSession> {
    // Hashing normalises to NFKC, so two spellings of one password are the same password.
    if (newPassword.normalize('NFKC') === currentPassword.normalize('NFKC')) throw fieldError('newPassword', SAME_PASSWORD);
    const address = ip ?? 'unknown';
    const account = String(identity.id);
    // Counted before the hash, as sign-in does: parallel guesses cannot all slip under the limit.
    await this.limits.take(ADDRESS_LIMIT, address, TOO_MANY);
    await this.limits.take(ACCOUNT_LIMIT, account, TOO_MANY);
    const giveBack = () => Promise.all([this.limits.giveBack(ADDRESS_LIMIT, address), this.limits.giveBack(ACCOUNT_LIMIT, account)]);
    const moderator = await this.dataSource.getRepository(Moderator).findOneByOrFail({ id: identity.id });
    let matches: boolean;
    try {
      matches = await this.passwordChecks.matches(currentPassword, moderator.passwordHash);
    } catch (busy) {
      await giveBack();
      throw busy;
    }
    if (!matches) throw fieldError('currentPassword', WRONG_CURRENT_PASSWORD);
    await giveBack();

    const passwordHash = await hashPassword(newPassword);
    const ended = await this.dataSource.transaction(async (manager) => {
      // Only over the password just checked: of two changes at once, the later finds it gone.
      const updated = await manager
        .createQueryBuilder()
        .update(Moderator)
        .set({ passwordHash, mustChangePassword: false })
        .where('id = :id AND password_hash = :checked', { id: identity.id, checked: moderator.passwordHash })
        .execute();
      if (updated.affected === 0) throw fieldError('currentPassword', WRONG_CURRENT_PASSWORD);
      const deleted = await manager
        .createQueryBuilder()
        .delete()
        .from(ModeratorSession)
        .where('moderator_id = :id AND id <> :sessionId', { id: identity.id, sessionId: identity.sessionId })
        .returning('id')
        .execute();
      const sessionIds = (deleted.raw as Array<{ id: string | number }>).map((row) => Number(row.id));
      await this.audit.record(manager, identity, [
        {
          action: 'moderator.password',
          detail: { moderatorId: identity.id, email: moderator.email, wasTemporary: moderator.mustChangePassword, endedSessions: sessionIds.length },
        },
      ]);
      return sessionIds;
    });
    // After the commit: this node's sockets at once (and other nodes' through Redis), and every node through PostgreSQL.
    for (const sessionId of ended) this.events.emit(ModerationEvents.signedOut, new SignedOutEvent(sessionId));
    await announceEndedSessions((sql, parameters) => this.dataSource.query(sql, parameters), ended).catch(() => undefined);
    return this.sessions.current(identity);
  }
}
