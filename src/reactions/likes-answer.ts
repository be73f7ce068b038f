import { ApiProperty } from '@nestjs/swagger';
import type { ReactionAnswer } from './reactions.service.js';

/** What a like or an unlike answers, for the OpenAPI document. Who liked is never shown. */
export class LikesAnswer implements ReactionAnswer {
  @ApiProperty({ example: 4, description: "The comment's likes now." })
  likes: number;

  @ApiProperty({ description: 'Whether this reader (an IPv4 address or IPv6 /64) likes it now.' })
  liked: boolean;
}
