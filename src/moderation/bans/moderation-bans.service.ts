import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Ban } from '../../spam/ban.entity.js';
import { BansService } from '../../spam/bans.service.js';
import { AuditLog } from '../audit/audit-log.js';
import type { BanDto } from './dto/ban.dto.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import type { PublicBan } from '../moderation-answers.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';

export type { PublicBan } from '../moderation-answers.js';

/** Bans as moderators handle them: within their sites, each one in the audit log. */
@Injectable()
export class ModerationBansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bans: BansService,
    private readonly scope: ModeratorScope,
    private readonly audit: AuditLog,
  ) {}

  async list(moderator: ModeratorIdentity, siteSlug?: string): Promise<PublicBan[]> {
    return (await this.bans.list(await this.scope.siteIds(moderator, siteSlug))).map(toPublicBan);
  }

  async create(moderator: ModeratorIdentity, request: BanDto): Promise<PublicBan> {
    const site = await this.scope.site(moderator, request.site);
    const ban = await this.dataSource.transaction(async (manager) => {
      const { ban, created } = await this.bans.create(
        { siteId: site.id, kind: request.kind, value: request.value, expiresAt: request.expiresAt, note: request.note },
        manager,
      );
      if (created) await this.audit.record(manager, moderator, [{ action: 'ban', siteId: site.id, note: request.note, detail: banDetail(ban) }]);
      return ban;
    });
    return toPublicBan(ban);
  }

  async remove(moderator: ModeratorIdentity, id: number): Promise<void> {
    const ban = await this.bans.findById(id);
    if (!ban || !moderator.canSee(ban.siteId)) throw new NotFoundException('There is no such ban.');
    await this.dataSource.transaction(async (manager) => {
      await this.bans.remove(ban, manager);
      await this.audit.record(manager, moderator, [{ action: 'unban', siteId: ban.siteId, detail: banDetail(ban) }]);
    });
  }
}

function banDetail(ban: Ban): Record<string, unknown> {
  return { banId: ban.id, kind: ban.kind, value: ban.value, expiresAt: ban.expiresAt?.toISOString() ?? null };
}

function toPublicBan(ban: Ban): PublicBan {
  return {
    id: ban.id,
    siteId: ban.siteId,
    kind: ban.kind,
    value: ban.value,
    expiresAt: ban.expiresAt?.toISOString() ?? null,
    active: ban.expiresAt === null || ban.expiresAt > new Date(),
    note: ban.note,
    createdAt: ban.createdAt.toISOString(),
  };
}
