import { Body, Controller, Get, HttpCode, NotFoundException, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import * as Answers from './queue-answers.js';
import { type ActionResult, CommentActionsService } from './comment-actions.service.js';
import { BulkActionDto, COMMENT_ACTIONS, type CommentAction, ModerationActionDto } from './dto/moderation-action.dto.js';
import { QueueQueryDto, SiteFilterDto } from './dto/queue-query.dto.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { CurrentModerator } from '../accounts/moderator.guard.js';
import type { QueueCounts, QueueItem } from './queue.js';
import { type QueuePage, QueueService } from './queue.service.js';

export interface SingleActionAnswer extends ActionResult {
  /** The comment as it is now. */
  item: QueueItem;
}

/** An unknown action is an unknown route. */
class ActionPipe implements PipeTransform<string, CommentAction> {
  transform(value: string): CommentAction {
    if ((COMMENT_ACTIONS as readonly string[]).includes(value)) return value as CommentAction;
    throw new NotFoundException(`There is no action "${value}": use ${COMMENT_ACTIONS.join(', ')}.`);
  }
}

@ModerationApi()
@Controller(MODERATION_ROUTES)
export class QueueController {
  constructor(
    private readonly queue: QueueService,
    private readonly actions: CommentActionsService,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: 'A page of a queue (pending, flagged, spam, trash), each item with its context' })
  @ApiOkResponse({ type: Answers.QueuePage })
  @ApiErrors([400, 'A query value is malformed (status, sort, cursor, limit…): `fields` says which.'], [404, 'There is no such site or article, or not yours.'])
  page(@CurrentModerator() moderator: ModeratorIdentity, @Query() query: QueueQueryDto): Promise<QueuePage> {
    return this.queue.page(moderator, query);
  }

  @Get('counts')
  @ApiOperation({ summary: 'How many comments wait in each queue' })
  @ApiOkResponse({ type: Answers.QueueCounts })
  @ApiErrors([400, 'The site is malformed.'], [404, 'There is no such site, or not yours.'])
  counts(@CurrentModerator() moderator: ModeratorIdentity, @Query() query: SiteFilterDto): Promise<QueueCounts> {
    return this.queue.counts(moderator, query.site);
  }

  @Post('comments/bulk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'One action on up to 500 comments, in one transaction',
    description: 'Comments already where the action would put them are listed in `unchanged`; an id not on your sites fails the whole request (404).',
  })
  @ApiOkResponse({ type: Answers.ActionResult })
  @ApiErrors(
    [400, 'No ids, more than 500, an unknown action, or ban with an action other than spam: `fields` says which.'],
    [404, 'One of the comments does not exist, or is not on your sites.'],
    [409, 'Comments were changed by someone else meanwhile; reload and try again.'],
    413,
  )
  bulk(@CurrentModerator() moderator: ModeratorIdentity, @Body() request: BulkActionDto): Promise<ActionResult> {
    return this.actions.act(moderator, request.ids, request.action, request);
  }

  @Post('comments/:id/:action')
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: COMMENT_ACTIONS })
  @ApiOperation({ summary: 'Approve, mark as spam (optionally banning the author), trash or restore one comment' })
  @ApiOkResponse({ type: Answers.SingleActionAnswer })
  @ApiErrors(
    [400, 'ban with an action other than spam, or a note too long: `fields` says which.'],
    [404, 'There is no such comment or action, or the comment is not on your sites.'],
    [409, 'The comment is already there (another moderator was quicker).'],
    413,
  )
  async act(
    @CurrentModerator() moderator: ModeratorIdentity,
    @Param('id', idOf('comment')) id: number,
    @Param('action', new ActionPipe()) action: CommentAction,
    @Body() request: ModerationActionDto,
  ): Promise<SingleActionAnswer> {
    const result = await this.actions.actOnOne(moderator, id, action, request);
    const [item] = await this.queue.itemsByIds([id]);
    return { item, ...result };
  }
}
