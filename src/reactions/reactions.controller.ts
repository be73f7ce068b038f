import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.js';
import { Client, type ClientInfo } from '../http/client-info.decorator.js';
import { idOf } from '../http/id-param.js';
import { LikesAnswer } from './likes-answer.js';
import { type ReactionAnswer, REACTION_MESSAGES, ReactionsService } from './reactions.service.js';

const ANSWER = { type: LikesAnswer, description: "The comment's likes now, and whether this reader likes it. Who liked is never shown." };
const REFUSALS = [[404, 'No such comment, or not one readers can see.'], [429, REACTION_MESSAGES.tooMany], 503] as const;

/** Readers' likes of a comment. */
@ApiTags('comments')
@Controller('api/v1/comments')
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Post(':id/reactions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Like a comment',
    description: 'One like per reader (an IPv4 address, an IPv6 /64) per comment; liking again changes nothing. There is no dislike.',
  })
  @ApiOkResponse(ANSWER)
  @ApiErrors(...REFUSALS)
  like(@Param('id', idOf('comment')) id: number, @Client() client: ClientInfo): Promise<ReactionAnswer> {
    return this.reactions.like(id, client);
  }

  @Delete(':id/reactions')
  @ApiOperation({ summary: 'Take back one’s like', description: 'Without a like from this reader, changes nothing.' })
  @ApiOkResponse(ANSWER)
  @ApiErrors(...REFUSALS)
  unlike(@Param('id', idOf('comment')) id: number, @Client() client: ClientInfo): Promise<ReactionAnswer> {
    return this.reactions.unlike(id, client);
  }
}
