import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { trimOptional } from '../../../http/trim.js';
import { type Queue, QUEUE_SORTS, QUEUES, type QueueSort } from '../queue.js';

export const MAX_QUEUE_PAGE = 100;
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_QUEUE_PAGE}.`;

/** Which site: a slug; absent means every site the moderator works on. */
export class SiteFilterDto {
  @ApiPropertyOptional({ description: 'A site slug; absent: every site you moderate.' })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  site?: string;
}

export class PageDto extends SiteFilterDto {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'cursor is not one this server handed out.' })
  cursor?: string;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: MAX_QUEUE_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(MAX_QUEUE_PAGE, { message: LIMIT_MESSAGE })
  limit: number = 25;
}

export class QueueQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: QUEUES, default: 'pending' })
  @IsOptional()
  @IsIn(QUEUES, { message: `status must be one of ${QUEUES.join(', ')}.` })
  status: Queue = 'pending';

  @ApiPropertyOptional({ description: 'Only comments under this article (its id).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'article must be an article id.' })
  @Min(1, { message: 'article must be an article id.' })
  article?: number;

  @ApiPropertyOptional({ description: "Only this author's comments." })
  @Transform(trimOptional)
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address.' })
  @MaxLength(100)
  email?: string;

  @ApiPropertyOptional({ description: 'Text in the comment or the author name.' })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q is too long (200 characters at most).' })
  q?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: 'sort must be newest or oldest.' })
  sort: QueueSort = 'newest';
}
