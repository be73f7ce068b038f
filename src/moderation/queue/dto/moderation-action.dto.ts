import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDate, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { trimOptional } from '../../../http/trim.js';
import { BAN_KINDS, type BanKind } from '../../../spam/ban.entity.js';

/** unapprove takes an approved comment back to pending, as WordPress's Unapprove (and the desk's undo of approve). */
export const COMMENT_ACTIONS = ['approve', 'unapprove', 'spam', 'trash', 'restore'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];
export const MAX_BULK = 500;

/** `ban: true` bans the author's email; a kind bans by that. */
const toBanKind = ({ value }: { value: unknown }) => (value === true ? 'email' : value === false ? undefined : value);

export class ModerationActionDto {
  @ApiPropertyOptional({ description: 'Why, for the audit log.', maxLength: 1000 })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'note is too long (1000 characters at most).' })
  note?: string;

  @ApiPropertyOptional({
    description: 'With spam only: also ban the author, by email (true or "email"), email domain, IP, or the site account a signed-in reader posted with.',
    oneOf: [{ type: 'boolean' }, { type: 'string', enum: [...BAN_KINDS] }],
  })
  @Transform(toBanKind)
  @IsOptional()
  @IsIn(BAN_KINDS, { message: 'ban must be true, email, domain, ip or account.' })
  ban?: BanKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the ban ends; absent: never.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'banExpiresAt must be a date and time such as 2026-12-31T23:59:00Z.' })
  banExpiresAt?: Date;
}

export class BulkActionDto extends ModerationActionDto {
  @ApiProperty({ type: [Number], maxItems: MAX_BULK })
  @IsArray({ message: 'ids must be a list of comment ids.' })
  @ArrayMinSize(1, { message: 'ids must name at least one comment.' })
  @ArrayMaxSize(MAX_BULK, { message: `ids can name at most ${MAX_BULK} comments at once.` })
  @ArrayUnique({ message: 'ids must not repeat a comment.' })
  @IsInt({ each: true, message: 'ids must be a list of comment ids.' })
  @Min(1, { each: true, message: 'ids must be a list of comment ids.' })
  ids: number[];

  @ApiProperty({ enum: COMMENT_ACTIONS })
  @IsIn(COMMENT_ACTIONS, { message: `action must be one of ${COMMENT_ACTIONS.join(', ')}.` })
  action: CommentAction;
}
