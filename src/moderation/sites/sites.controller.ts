import { Body, Controller, Delete, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { fieldError } from '../../http/field-error.js';
import { SiteSignIn } from '../../sites/site-sign-in.js';
import { SignInKeyDto } from './dto/sign-in-key.dto.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import * as Answers from './site-answers.js';
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
  @ApiOkResponse({ type: [Answers.ModeratedSite] })
  list(@CurrentModerator() moderator: ModeratorIdentity): Promise<ModeratedSite[]> {
    return this.desk.list(moderator);
  }

  @Post()
  @AdminsOnly()
  @ApiOperation({ summary: 'Add a site (admins): its slug, name and origins, and any settings that differ from the defaults' })
  @ApiCreatedResponse({ type: Answers.ModeratedSite })
  @ApiErrors([400, 'The slug, name, origins or a setting is wrong: `fields` says which.'], [409, 'A site with this slug exists.'], 413)
  create(@CurrentModerator() admin: ModeratorIdentity, @Body() site: NewSiteDto): Promise<ModeratedSite> {
    return this.desk.create(admin, site);
  }

  @Post(':slug/sign-in/secret')
  @AdminsOnly()
  @ApiOperation({
    summary: "Make a new HMAC secret for the site's readers' sign-in tokens (HS256), replacing any secret or key",
    description: "The secret is in this answer only: give it to the news site's server, which signs its readers' tokens with it.",
  })
  @ApiCreatedResponse({ type: Answers.ModeratedSiteWithSecret })
  @ApiErrors([404, 'There is no such site.'])
  async newSignInSecret(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string): Promise<ModeratedSite & { secret: string }> {
    const secret = this.signIn.newSecret();
    return { ...(await this.desk.setSignIn(moderator, slug, { secret })), secret };
  }

  @Put(':slug/sign-in/public-key')
  @AdminsOnly()
  @ApiOperation({ summary: "Check the site's readers' sign-in tokens with an Ed25519 public key (EdDSA), replacing any secret" })
  @ApiOkResponse({ type: Answers.ModeratedSite })
  @ApiErrors([400, 'publicKey is not an Ed25519 public key in PEM.'], [404, 'There is no such site.'], 413)
  async setSignInKey(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string, @Body() key: SignInKeyDto): Promise<ModeratedSite> {
    const publicKey = await this.signIn.checkedPublicKey(key.publicKey);
    if (!publicKey) throw fieldError('publicKey', 'publicKey must be an Ed25519 public key in PEM.');
    return this.desk.setSignIn(moderator, slug, { publicKey });
  }

  @Delete(':slug/sign-in')
  @AdminsOnly()
  @ApiOperation({ summary: "Turn reader sign-in off: the site's tokens stop working at once" })
  @ApiOkResponse({ type: Answers.ModeratedSite })
  @ApiErrors([404, 'There is no such site.'])
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
  @ApiOkResponse({ type: Answers.ModeratedSite })
  @ApiErrors([400, 'The name, origins or a setting is wrong: `fields` says which.'], [404, 'There is no such site.'], 413)
  change(@CurrentModerator() moderator: ModeratorIdentity, @Param('slug') slug: string, @Body() change: SiteChangeDto): Promise<ModeratedSite> {
    return this.desk.change(moderator, slug, change);
  }
}
