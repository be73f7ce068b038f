import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_ARTICLE_URL_LENGTH } from '../../articles/article-url.js';
import { trim, trimOptional } from '../../http/trim.js';
import type * as Answers from '../thread-answers.js';

export const THREAD_SORTS = ['oldest', 'newest', 'top'] as const satisfies readonly Answers.ThreadSort[];
export type ThreadSort = (typeof THREAD_SORTS)[number];
/** The sorts that page by id; `top` pages through a ranking (threads/thread-rankings.repository.ts). */
export type TimeSort = Exclude<ThreadSort, 'top'>;
export const MAX_PAGE_SIZE = 100;

export class ThreadQueryDto {
  @ApiProperty({ description: 'The site slug.', example: 'demo' })
  @Transform(trim)
  @IsNotEmpty({ message: 'site is required.' })
  @IsString()
  site: string;

  @ApiProperty({ description: "The article's URL.", example: 'http://localhost:3000/news/some-article' })
  @Transform(trim)
  @IsNotEmpty({ message: 'url is required.' })
  @IsString()
  @MaxLength(MAX_ARTICLE_URL_LENGTH)
  url: string;

  @ApiPropertyOptional({ description: "The article's title, kept when the article is first seen." })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'cursor is not one this server handed out.' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Top-level comments per page (replies come with them).', default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  @Max(MAX_PAGE_SIZE, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  limit: number = 50;

  @ApiPropertyOptional({
    enum: THREAD_SORTS,
    default: 'oldest',
    description:
      'Order of top-level comments; replies are always oldest first under their parent. `top`: most liked first, newer likes weighing more (likes / (hours since posting + 2)^1.5); the pages after the first keep the order the first was read in.',
  })
  @IsOptional()
  @IsIn(THREAD_SORTS, { message: 'sort must be oldest, newest or top.' })
  sort: ThreadSort = 'oldest';

  @ApiPropertyOptional({
    description:
      "`true`: only the top-level comments moderators marked editor's picks (with their replies), in the asked order by time (sort=top lists them newest first).",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'picks must be true or false.' })
  picks?: boolean;
}
