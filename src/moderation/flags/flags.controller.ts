import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { MessageAnswer } from '../../http/message-answer.js';
import { Client, type ClientInfo } from '../../http/client-info.decorator.js';
import { idOf } from '../../http/id-param.js';
import { FlagDto } from './dto/flag.dto.js';
import { FLAG_MESSAGES, FlagsService } from './flags.service.js';

/** The readers' side of moderation: reporting a comment. */
@ApiTags('comments')
@Controller('api/v1/comments')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Post(':id/flags')
  @ApiOperation({
    summary: 'Report a comment to the moderators',
    description:
      'One report per reader (an IPv4 address, an IPv6 /64) per comment. Enough reports (the site sets how many, 3 by default; 0 never) take it off the page until a moderator decides; a reporter whose earlier reports moderators dismissed counts less.',
  })
  @ApiCreatedResponse({ type: MessageAnswer, description: `The message to show: "${FLAG_MESSAGES.thanks}"` })
  @ApiErrors(
    [400, 'The reason is not one of the known ones, or the text is missing (reason other) or too long: `fields` says which.'],
    [404, 'No such comment, or not one readers can see.'],
    [409, FLAG_MESSAGES.already],
    413,
    [429, FLAG_MESSAGES.tooMany],
    503,
  )
  flag(@Param('id', idOf('comment')) id: number, @Body() report: FlagDto, @Client() client: ClientInfo): Promise<{ message: string }> {
    return this.flags.flag(id, report, client);
  }
}
