import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Client, type ClientInfo } from '../http/client-info.decorator.js';
import { idOf } from '../http/id-param.js';
import { type ReactionAnswer, REACTION_MESSAGES, ReactionsService } from './reactions.service.js';

const ANSWER = '`{"likes": 4, "liked": true}`: the comment\'s likes now, and whether this reader likes it. Who liked is never shown.';

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
  @ApiOkResponse({ description: ANSWER })
  @ApiNotFoundResponse({ description: 'No such comment, or not one readers can see.' })
  @ApiTooManyRequestsResponse({ description: REACTION_MESSAGES.tooMany })
  like(@Param('id', idOf('comment')) id: number, @Client() client: ClientInfo): Promise<ReactionAnswer> {
    return this.reactions.like(id, client);
  }

  @Delete(':id/reactions')
  @ApiOperation({ summary: 'Take back one’s like', description: 'Without a like from this reader, changes nothing.' })
  @ApiOkResponse({ description: ANSWER })
  @ApiNotFoundResponse({ description: 'No such comment, or not one readers can see.' })
  @ApiTooManyRequestsResponse({ description: REACTION_MESSAGES.tooMany })
  unlike(@Param('id', idOf('comment')) id: number, @Client() client: ClientInfo): Promise<ReactionAnswer> {
    return this.reactions.unlike(id, client);
  }
}
