import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { PublicComment } from '../../threads/public-comment.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { CurrentModerator } from '../accounts/moderator.guard.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import { StaffTextDto } from './dto/staff-text.dto.js';
import { NewsroomService } from './newsroom.service.js';

/** Listed before QueueController in ModerationModule: `POST comments/:id/replies` must not be read as an action. */
@ModerationApi()
@Controller(`${MODERATION_ROUTES}/comments`)
export class NewsroomController {
  constructor(private readonly newsroom: NewsroomService) {}

  @Post(':id/replies')
  @ApiOperation({ summary: "Reply as the site's staff: under the site's name with the Staff badge, published at once, without the spam checks" })
  @ApiCreatedResponse({ description: 'The reply, as readers see it.' })
  @ApiConflictResponse({ description: 'The comment is not published, or the same reply is already there.' })
  reply(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number, @Body() text: StaffTextDto): Promise<PublicComment> {
    return this.newsroom.reply(moderator, id, text.body, text.note);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a comment\'s text (redact): the text before is kept in the audit log; readers see "edited by a moderator"' })
  @ApiOkResponse({ description: 'The comment, as readers see it.' })
  redact(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number, @Body() text: StaffTextDto): Promise<PublicComment> {
    return this.newsroom.redact(moderator, id, text.body, text.note);
  }

  @Put(':id/pin')
  @ApiOperation({ summary: 'Pin a published top-level comment: shown first (at most 3 per article)' })
  pin(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pin(moderator, id, true);
  }

  @Delete(':id/pin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unpin a comment' })
  unpin(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pin(moderator, id, false);
  }

  @Put(':id/pick')
  @ApiOperation({ summary: "Mark a published comment an editor's pick" })
  pick(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pick(moderator, id, true);
  }

  @Delete(':id/pick')
  @HttpCode(200)
  @ApiOperation({ summary: "Take a comment off the editor's picks" })
  unpick(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('comment')) id: number): Promise<PublicComment> {
    return this.newsroom.pick(moderator, id, false);
  }
}
