import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { PublicComment } from '../../threads/public-comment.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { CurrentModerator } from '../accounts/moderator.guard.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import { StaffTextDto } from './dto/staff-text.dto.js';
import { NewsroomService } from './newsroom.service.js';

/** Listed before QueueController in ModerationModule: `POST comments/:id/replies` must not be read as an action. */
@ModerationApi()
@ApiErrors([404, 'There is no such comment, or not on your sites.'])
@Controller(`${MODERATION_ROUTES}/comments`)
export class NewsroomController {
  constructor(private readonly newsroom: NewsroomService) {}

  @Post(':id/replies')
  @ApiOperation({ summary: "Reply as the site's staff: under the site's name with the Staff badge, published at once, without the spam checks" })
  @ApiCreatedResponse({ type: PublicComment, description: 'The reply, as readers see it.' })
  @ApiErrors(
    [400, 'The text is empty or too long, or the note too long: `fields` says which.'],
    [409, 'The comment is not published, or the same reply is already there.'],
    413,
  )
  reply(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number, @Body() text: StaffTextDto): Promise<PublicComment> {
    return this.newsroom.reply(moderator, id, text.body, text.note);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a comment\'s text (redact): the text before is kept in the audit log; readers see "edited by a moderator"' })
  @ApiOkResponse({ type: PublicComment, description: 'The comment, as readers see it.' })
  @ApiErrors([400, 'The text is empty or too long, or the note too long: `fields` says which.'], 413)
  redact(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number, @Body() text: StaffTextDto): Promise<PublicComment> {
    return this.newsroom.redact(moderator, id, text.body, text.note);
  }

  @Put(':id/pin')
  @ApiOperation({ summary: 'Pin a published top-level comment: shown first (at most 3 per article)' })
  @ApiOkResponse({ type: PublicComment })
  @ApiErrors([409, 'Only a published top-level comment can be pinned, and at most 3 per article.'])
  pin(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pin(moderator, id, true);
  }

  @Delete(':id/pin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unpin a comment' })
  @ApiOkResponse({ type: PublicComment })
  unpin(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pin(moderator, id, false);
  }

  @Put(':id/pick')
  @ApiOperation({ summary: "Mark a published comment an editor's pick" })
  @ApiOkResponse({ type: PublicComment })
  @ApiErrors([409, "Only a published comment can be an editor's pick."])
  pick(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pick(moderator, id, true);
  }

  @Delete(':id/pick')
  @HttpCode(200)
  @ApiOperation({ summary: "Take a comment off the editor's picks" })
  @ApiOkResponse({ type: PublicComment })
  unpick(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pick(moderator, id, false);
  }
}
