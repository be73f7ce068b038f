import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { AuditPage as AuditPageAnswer } from './audit-answers.js';
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
  @ApiOkResponse({ type: AuditPageAnswer })
  @ApiErrors([400, 'A query value is malformed (site, moderator, comment, cursor, limit): `fields` says which.'], [404, 'There is no such site, or not yours.'])
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
