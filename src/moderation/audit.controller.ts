import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { encodeCursor, decodeCursor } from '../http/cursor.js';
import { AuditLog, type PublicAuditEntry } from './audit-log.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { MODERATION_ROUTES, ModerationApi } from './moderation-api.js';
import type { ModeratorIdentity } from './moderator-identity.js';
import { ModeratorScope } from './moderator-scope.js';
import { CurrentModerator } from './moderator.guard.js';

const AUDIT_CURSOR = 'audit';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/audit`)
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly scope: ModeratorScope,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of your sites, newest first (read-only)' })
  async list(
    @CurrentModerator() moderator: ModeratorIdentity,
    @Query() query: AuditQueryDto,
  ): Promise<{ entries: PublicAuditEntry[]; nextCursor: string | null }> {
    const siteId = query.site === undefined ? null : (await this.scope.site(moderator, query.site)).id;
    const { entries, hasMore } = await this.audit.list(moderator, {
      siteId,
      moderatorId: query.moderator,
      commentId: query.comment,
      beforeId: query.cursor ? decodeCursor(query.cursor, AUDIT_CURSOR) : null,
      limit: query.limit,
    });
    return { entries, nextCursor: hasMore ? encodeCursor(AUDIT_CURSOR, entries[entries.length - 1].id) : null };
  }
}
