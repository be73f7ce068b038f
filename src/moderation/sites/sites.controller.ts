import { Body, Controller, Delete, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { fieldError } from '../../http/field-error.js';
import { SiteSignIn } from '../../sites/site-sign-in.js';
import { SignInKeyDto } from './dto/sign-in-key.dto.js';
import { ApiConflictResponse, ApiOperation } from '@nestjs/swagger';
import { NewSiteDto, SiteChangeDto } from './dto/site-details.dto.js';
import { MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { AdminsOnly, CurrentModerator } from '../accounts/moderator.guard.js';
import type { ModeratedSite } from '../moderation-answers.js';
import { SiteSettingsDeskService } from './site-settings-desk.service.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/sites`)
export class ModeratedSitesController {
  constructor(
    private readonly desk: SiteSettingsDeskService,
    private readonly signIn: SiteSignIn,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The sites you moderate, with their settings' })
  list(@CurrentModerator() moderator: ModeratorIdentity): Promise<ModeratedSite[]> {
    return this.desk.list(moderator);
  }

  @Post()
  @AdminsOnly()
  @ApiOperation({ summary: 'Add a site (admins): its slug, name and origins, and any settings that differ from the defaults' })
  @ApiConflictResponse({ description: 'A site with this slug exists.' })
  create(@CurrentModerator() admin: ModeratorIdentity, @Body() site: NewSiteDto): Promise<ModeratedSite> {
    return this.desk.create(admin, site);
  }

  @Post(':slug/sign-in/secret')
  @AdminsOnly()
  @ApiOperation({
    summary: "Make a new HMAC secret for the site's readers' sign-in tokens (HS256), replacing any secret or key",
    description: "The secret is in this answer only: give it to the news site's server, which signs its readers' tokens with it.",
  })
  async newSignInSecret(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string): Promise<ModeratedSite & { secret: string }> {
    const secret = this.signIn.newSecret();
    return { ...(await this.desk.setSignIn(moderator, slug, { secret })), secret };
  }

  @Put(':slug/sign-in/public-key')
  @AdminsOnly()
  @ApiOperation({ summary: "Check the site's readers' sign-in tokens with an Ed25519 public key (EdDSA), replacing any secret" })
  async setSignInKey(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string, @Body() key: SignInKeyDto): Promise<ModeratedSite> {
    const publicKey = await this.signIn.checkedPublicKey(key.publicKey);
    if (!publicKey) throw fieldError('publicKey', 'publicKey must be an Ed25519 public key in PEM.');
    return this.desk.setSignIn(moderator, slug, { publicKey });
  }

  @Delete(':slug/sign-in')
  @AdminsOnly()
  @ApiOperation({ summary: "Turn reader sign-in off: the site's tokens stop working at once" })
  turnSignInOff(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string): Promise<ModeratedSite> {
    return this.desk.setSignIn(moderator, slug, null);
  }

  @Patch(':slug')
  @AdminsOnly()
  @ApiOperation({
    summary: "Change a site's name, origins or settings (admins); what is left out stays as it is",
    description:
      'New origins take effect at once on this node and within 5 seconds on the others (their cached sites expire); pages already connected keep their live connection until they reload.',
  })
  change(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string, @Body() change: SiteChangeDto): Promise<ModeratedSite> {
    return this.desk.change(moderator, slug, change);
  }
}
