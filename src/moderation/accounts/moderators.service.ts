import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { fieldError } from '../../http/field-error.js';
import { Site } from '../../sites/site.entity.js';
import { AuditLog } from '../audit/audit-log.js';
import { ModerationEvents, ModeratorRemovedEvent, SignedOutEvent } from '../moderation-events.js';
import type { ModeratorIdentity, PublicModerator } from './moderator-identity.js';
import { Moderator, type ModeratorRole, ModeratorSession, ModeratorSite, type HeldMail } from './moderator.entity.js';
import { announceEndedSessions } from './ended-sessions.js';
import { generatePassword, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

export interface NewModerator {
  email: string;
  name?: string;
  role: ModeratorRole;
  /** Site slugs; required for a moderator, ignored for an admin. */
  sites?: string[];
  /** Absent: one is generated and returned, to be shown once. */
  password?: string;
  /**
   * The account must choose its own password at its first sign-in. Absent: when another moderator
   * creates the account (an admin, through the API), who saw or chose its password; not from the
   * command line, whose operator may be making their own account.
   */
  temporaryPassword?: boolean;
}

export interface ModeratorChange {
  role?: ModeratorRole;
  /** Site slugs, replacing the account's; for a moderator, at least one. */
  sites?: string[];
}

export const LAST_ADMIN_ROLE = 'This is the only admin: make another admin before making this one a moderator.';

export interface CreatedModerator {
  moderator: PublicModerator;
  /** Only when it was generated: the one time anyone sees it. */
  password?: string;
}

/** Moderator accounts: who they are, their role and their sites. */
@Injectable()
export class ModeratorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly events: EventEmitter2,
  ) {}

  async create(input: NewModerator, by: ModeratorIdentity | null = null): Promise<CreatedModerator> {
    const email = input.email.trim().toLowerCase();
    const password = input.password ?? generatePassword();
    checkPasswordLength(password);
    const passwordHash = await hashPassword(password);
    const created = await this.dataSource.transaction(async (manager) => {
      const sites = input.role === 'admin' ? [] : await this.sitesNamed(manager, input.sites ?? []);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Moderator)
        .values({
          email,
          name: input.name?.trim() || email.slice(0, email.indexOf('@')),
          role: input.role,
          passwordHash,
          mustChangePassword: input.temporaryPassword ?? by !== null,
        })
        .orIgnore()
        .returning('*')
        .execute();
      if (inserted.raw.length === 0) throw new ConflictException(`There is already a moderator with the email ${email}.`);
      const moderator = manager.getRepository(Moderator).create(toModeratorFields(inserted.raw[0]));
      if (sites.length > 0) await manager.getRepository(ModeratorSite).insert(sites.map((site) => ({ moderatorId: moderator.id, siteId: site.id })));
      await this.audit.record(manager, by, [
        { action: 'moderator.create', detail: { moderatorId: moderator.id, email, role: moderator.role, sites: sites.map((s) => s.slug) } },
      ]);
      return toPublicModerator(
        moderator,
        sites.map((s) => s.slug),
      );
    });
    return { moderator: created, ...(input.password === undefined ? { password } : {}) };
  }

  /**
   * A new password for an account (generated when none is given), for the admin who lost theirs:
   * every session of the account ends. The operator at the command line set it, so it stands as
   * the account's own, as moderator:create's does (it also lifts a first start's pending change).
   */
  async resetPassword(rawEmail: string, password = generatePassword()): Promise<string> {
    checkPasswordLength(password);
    const passwordHash = await hashPassword(password);
    const email = rawEmail.trim().toLowerCase();
    const ended = await this.dataSource.transaction(async (manager) => {
      const moderator = await manager.getRepository(Moderator).findOneBy({ email });
      if (!moderator) throw new NotFoundException(`There is no moderator with the email ${email}.`);
      await manager.getRepository(Moderator).update({ id: moderator.id }, { passwordHash, mustChangePassword: false });
      return this.endSessions(manager, moderator.id);
    });
    await this.announce(ended);
    return password;
  }

  /** Only when there is no account yet: what a fresh install starts with. */
  async createFirstAdmin(email: string): Promise<CreatedModerator | null> {
    if (await this.dataSource.getRepository(Moderator).exists()) return null;
    try {
      // Its password sits in a file on disk until someone deletes it: the admin chooses their own at once.
      return await this.create({ email, role: 'admin', temporaryPassword: true });
    } catch (error) {
      // Another node of the same fresh install won the race to create it.
      if (error instanceof ConflictException) return null;
      throw error;
    }
  }

  async list(): Promise<PublicModerator[]> {
    const moderators = await this.dataSource.getRepository(Moderator).find({ order: { email: 'ASC' } });
    const memberships = await this.dataSource
      .getRepository(ModeratorSite)
      .createQueryBuilder('ms')
      .innerJoin(Site, 's', 's.id = ms.site_id')
      .select(['ms.moderator_id AS "moderatorId"', 's.slug AS slug'])
      .orderBy('s.slug')
      .getRawMany<{ moderatorId: number; slug: string }>();
    return moderators.map((m) =>
      toPublicModerator(
        m,
        memberships.filter((ms) => ms.moderatorId === m.id).map((ms) => ms.slug),
      ),
    );
  }

  /** Deletes the account and so its sessions; the last admin stays, or nobody could manage accounts. */
  async remove(id: number, by: ModeratorIdentity): Promise<void> {
    const ended = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Moderator);
      const moderator = await repository.createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
      if (!moderator) throw new NotFoundException('There is no such moderator.');
      if (moderator.role === 'admin') {
        // Locks every admin row, so two admins removing each other at once cannot leave none.
        const admins = await repository.createQueryBuilder('m').setLock('pessimistic_write').where(`m.role = 'admin'`).getMany();
        if (admins.length <= 1) throw new ConflictException('This is the only admin: make another admin before removing this one.');
      }
      const sessions = await this.endSessions(manager, id);
      await repository.delete({ id });
      await this.audit.record(manager, by, [{ action: 'moderator.delete', detail: { moderatorId: id, email: moderator.email, role: moderator.role } }]);
      return sessions;
    });
    this.events.emit(ModerationEvents.moderatorRemoved, new ModeratorRemovedEvent(id));
    await this.announce(ended);
  }

  /**
   * Changes an account's role or sites. A moderator keeps at least one site; an admin's sites are
   * dropped (admins see every site); the last admin stays one.
   *
   * Every session of the account ends, on every node, when anything changed. HTTP requests read
   * the role and sites afresh on each call, but a live /moderation connection joined its sites'
   * rooms when it connected, and without Redis only the ended-sessions announcement (PostgreSQL)
   * reaches every node: ending the sessions is what makes the live queue follow the new scope
   * everywhere at once. The account signs in again and gets its new sites.
   */
  async change(id: number, input: ModeratorChange, by: ModeratorIdentity): Promise<PublicModerator> {
    const { answer, ended } = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Moderator);
      const moderator = await repository.createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
      if (!moderator) throw new NotFoundException('There is no such moderator.');
      const role = input.role ?? moderator.role;
      if (moderator.role === 'admin' && role !== 'admin') {
        // Locks every admin row, as remove does, so two admins demoting each other cannot leave none.
        const admins = await repository.createQueryBuilder('m').setLock('pessimistic_write').where(`m.role = 'admin'`).getMany();
        if (admins.length <= 1) throw new ConflictException(LAST_ADMIN_ROLE);
      }
      const memberships = manager.getRepository(ModeratorSite);
      const before = (await memberships.find({ where: { moderatorId: id }, relations: { site: true } })).map((ms) => ms.site!.slug).sort();
      // A moderator without sites given keeps the ones it has (an admin becoming one must name some).
      const sites = role === 'admin' ? [] : await this.sitesNamed(manager, input.sites ?? (moderator.role === 'admin' ? [] : before));
      const after = sites.map((s) => s.slug).sort();
      const roleChanged = role !== moderator.role;
      const sitesChanged = JSON.stringify(before) !== JSON.stringify(after);
      if (!roleChanged && !sitesChanged) return { answer: toPublicModerator(moderator, after), ended: [] };

      if (roleChanged) await repository.update({ id }, { role });
      if (sitesChanged) {
        await memberships.delete({ moderatorId: id });
        if (sites.length > 0) await memberships.insert(sites.map((site) => ({ moderatorId: id, siteId: site.id })));
      }
      const sessions = await this.endSessions(manager, id);
      const detail: Record<string, unknown> = { moderatorId: id, email: moderator.email, endedSessions: sessions.length };
      if (roleChanged) detail.role = { from: moderator.role, to: role };
      if (sitesChanged) detail.sites = { from: before, to: after };
      await this.audit.record(manager, by, [{ action: 'moderator.change', detail }]);
      return { answer: toPublicModerator(repository.create({ ...moderator, role }), after), ended: sessions };
    });
    // After the commit: this node's sockets at once (others' through Redis), and every node through PostgreSQL.
    for (const sessionId of ended) this.events.emit(ModerationEvents.signedOut, new SignedOutEvent(sessionId));
    await this.announce(ended);
    return answer;
  }

  /** Deletes the account's sessions: the ids whose live connections every node must close. */
  private async endSessions(manager: EntityManager, moderatorId: number): Promise<number[]> {
    const deleted = await manager
      .createQueryBuilder()
      .delete()
      .from(ModeratorSession)
      .where('moderator_id = :moderatorId', { moderatorId })
      .returning('id')
      .execute();
    return (deleted.raw as Array<{ id: string | number }>).map((row) => Number(row.id));
  }

  /**
   * After the commit, so that a node hearing of it finds the sessions gone. A lost announcement
   * costs a minute at most: every node rechecks its connections' sessions that often.
   */
  private async announce(sessionIds: number[]): Promise<void> {
    await announceEndedSessions((sql, parameters) => this.dataSource.query(sql, parameters), sessionIds).catch(() => undefined);
  }

  private async sitesNamed(manager: EntityManager, slugs: string[]): Promise<Site[]> {
    const wanted = [...new Set(slugs.map((s) => s.trim().toLowerCase()))];
    if (wanted.length === 0) throw fieldError('sites', 'A moderator needs at least one site (admins see every site).');
    const sites = await manager.getRepository(Site).findBy({ slug: In(wanted) });
    const missing = wanted.filter((slug) => !sites.some((s) => s.slug === slug));
    if (missing.length > 0) throw fieldError('sites', `There is no site ${missing.map((s) => `"${s}"`).join(', ')}.`);
    return sites;
  }
}

export function toPublicModerator(moderator: Moderator, siteSlugs: string[]): PublicModerator {
  return {
    id: moderator.id,
    email: moderator.email,
    name: moderator.name,
    role: moderator.role,
    sites: moderator.role === 'admin' ? 'all' : siteSlugs,
    heldMail: moderator.heldMail,
    heldMailMinutes: moderator.heldMailMinutes,
    createdAt: new Date(moderator.createdAt).toISOString(),
  };
}

function toModeratorFields(row: Record<string, unknown>): Partial<Moderator> {
  return {
    id: Number(row.id),
    email: row.email as string,
    name: row.name as string,
    role: row.role as ModeratorRole,
    passwordHash: row.password_hash as string,
    mustChangePassword: row.must_change_password === true,
    heldMail: (row.held_mail as HeldMail | undefined) ?? 'each',
    heldMailMinutes: Number(row.held_mail_minutes ?? 60),
    createdAt: row.created_at as Date,
  };
}

function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw fieldError('password', `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`);
  }
}
