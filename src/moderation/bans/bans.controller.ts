import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
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
  list(@CurrentModerator() moderator: ModeratorIdentity, @Query() query: SiteFilterDto): Promise<PublicBan[]> {
    return this.bans.list(moderator, query.site);
  }

  @Post()
  @ApiOperation({ summary: 'Ban an email, an email domain or an IP address or range; their new comments go to spam' })
  create(@CurrentModerator() moderator: ModeratorIdentity, @Body() request: BanDto): Promise<PublicBan> {
    return this.bans.create(moderator, request);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a ban' })
  remove(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('ban')) id: number): Promise<void> {
    return this.bans.remove(moderator, id);
  }
}
