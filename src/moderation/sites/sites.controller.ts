import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { SiteSettingsChangeDto } from '../../sites/dto/site-settings.dto.js';
import { MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { AdminsOnly, CurrentModerator } from '../accounts/moderator.guard.js';
import type { ModeratedSite } from '../moderation-answers.js';
import { SiteSettingsDeskService } from './site-settings-desk.service.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/sites`)
export class ModeratedSitesController {
  constructor(private readonly desk: SiteSettingsDeskService) {}

  @Get()
  @ApiOperation({ summary: 'The sites you moderate, with their settings' })
  list(@CurrentModerator() moderator: ModeratorIdentity): Promise<ModeratedSite[]> {
    return this.desk.list(moderator);
  }

  @Patch(':slug')
  @AdminsOnly()
  @ApiOperation({ summary: "Change a site's settings (admins); settings left out stay as they are" })
  change(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string, @Body() change: SiteSettingsChangeDto): Promise<ModeratedSite> {
    return this.desk.change(moderator, slug, change.settings);
  }
}
