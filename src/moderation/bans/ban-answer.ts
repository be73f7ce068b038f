import { ApiProperty } from '@nestjs/swagger';
import { BAN_KINDS, type BanKind } from '../../spam/ban-kinds.js';
import type * as Answers from '../moderation-answers.js';

/** A ban as the moderation API answers it, for the OpenAPI document. */
export class PublicBan implements Answers.PublicBan {
  @ApiProperty()
  id: number;

  @ApiProperty()
  siteId: number;

  @ApiProperty({ enum: BAN_KINDS })
  kind: BanKind;

  @ApiProperty({ example: 'spammer@example.org' })
  value: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty()
  active: boolean;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
