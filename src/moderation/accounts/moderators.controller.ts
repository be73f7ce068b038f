import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { CreatedModerator as CreatedModeratorAnswer, PublicModerator as PublicModeratorAnswer } from './account-answers.js';
import { ModeratorChangeDto, NewModeratorDto } from './dto/moderator.dto.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity, PublicModerator } from './moderator-identity.js';
import { AdminsOnly, CurrentModerator } from './moderator.guard.js';
import { type CreatedModerator, ModeratorsService } from './moderators.service.js';

@ModerationApi()
@AdminsOnly()
@Controller(`${MODERATION_ROUTES}/moderators`)
export class ModeratorsController {
  constructor(private readonly moderators: ModeratorsService) {}

  @Get()
  @ApiOperation({ summary: 'Every moderator account (admins)' })
  @ApiOkResponse({ type: [PublicModeratorAnswer] })
  list(): Promise<PublicModerator[]> {
    return this.moderators.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a moderator or an admin (admins); without a password one is generated and answered once' })
  @ApiCreatedResponse({ type: CreatedModeratorAnswer })
  @ApiErrors(
    [400, 'A value is wrong (email, role, a site that does not exist, a password too short): `fields` says which.'],
    [409, 'An account with this email exists.'],
    413,
  )
  create(@CurrentModerator() admin: ModeratorIdentity, @Body() request: NewModeratorDto): Promise<CreatedModerator> {
    return this.moderators.create(request, admin);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change an account's role or sites (admins); its sessions end, so that it signs in again with its new scope",
    description: 'A moderator needs at least one site; an admin sees every site. The last admin cannot be made a moderator (409).',
  })
  @ApiOkResponse({ type: PublicModeratorAnswer })
  @ApiErrors(
    [400, 'A value is wrong (role, a site that does not exist, no site for a moderator): `fields` says which.'],
    [404, 'There is no such moderator.'],
    [409, 'This is the only admin.'],
    413,
  )
  change(
    @CurrentModerator() admin: ModeratorIdentity,
    @Param('id', idOf('moderator')) id: number,
    @Body() change: ModeratorChangeDto,
  ): Promise<PublicModerator> {
    return this.moderators.change(id, change, admin);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an account (admins); its sessions end at once. The last admin cannot be removed.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiErrors([404, 'There is no such moderator.'], [409, 'This is the only admin.'])
  remove(@CurrentModerator() admin: ModeratorIdentity, @Param('id', idOf('moderator')) id: number): Promise<void> {
    return this.moderators.remove(id, admin);
  }
}
