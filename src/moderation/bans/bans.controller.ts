import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { PublicBan as PublicBanAnswer } from './ban-answer.js';
import { BanDto } from './dto/ban.dto.js';
import { SiteFilterDto } from '../queue/dto/queue-query.dto.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import { ModerationBansService, type PublicBan } from './moderation-bans.service.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { CurrentModerator } from '../accounts/moderator.guard.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/bans`)
export class BansController {
  constructor(private readonly bans: ModerationBansService) {}

  @Get()
  @ApiOperation({ summary: 'Bans on your sites, active ones first' })
  @ApiOkResponse({ type: [PublicBanAnswer] })
  @ApiErrors([400, 'The site is malformed.'], [404, 'There is no such site, or not yours.'])
  list(@CurrentModerator() moderator: ModeratorIdentity, @Query() query: SiteFilterDto): Promise<PublicBan[]> {
    return this.bans.list(moderator, query.site);
  }

  @Post()
  @ApiOperation({ summary: 'Ban an email, an email domain or an IP address or range; their new comments go to spam' })
  @ApiCreatedResponse({ type: PublicBanAnswer })
  @ApiErrors([400, 'The kind, value or expiry is wrong: `fields` says which.'], [404, 'There is no such site, or not yours.'], 413)
  create(@CurrentModerator() moderator: ModeratorIdentity, @Body() request: BanDto): Promise<PublicBan> {
    return this.bans.create(moderator, request);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a ban' })
  @ApiNoContentResponse({ description: 'Lifted.' })
  @ApiErrors([404, 'There is no such ban, or not on your sites.'])
  remove(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('ban')) id: number): Promise<void> {
    return this.bans.remove(moderator, id);
  }
}
