import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AuditLog, type AuditPage } from './audit-log.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';
import { CurrentModerator } from '../accounts/moderator.guard.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/audit`)
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly scope: ModeratorScope,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of your sites, newest first (read-only)' })
  async list(@CurrentModerator() moderator: ModeratorIdentity, @Query() query: AuditQueryDto): Promise<AuditPage> {
    const siteId = query.site === undefined ? null : (await this.scope.site(moderator, query.site)).id;
    return this.audit.list(moderator, {
      siteId,
      moderatorId: query.moderator,
      commentId: query.comment,
      cursor: query.cursor,
      limit: query.limit,
    });
  }
}
