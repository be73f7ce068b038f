import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_ARTICLE_URL_LENGTH } from '../../articles/article-url.js';
import { trim } from '../../http/trim.js';

/** URLs one counts request may ask about: a homepage's article list, or one batch of count.js's. */
export const MAX_COUNT_URLS = 100;

export const COUNT_URLS_MESSAGE = `url is required: one to ${MAX_COUNT_URLS} article URLs, as url=…&url=….`;
export const TOO_MANY_COUNT_URLS_MESSAGE = `At most ${MAX_COUNT_URLS} URLs per request: ask for the rest in another.`;

export class CountsQueryDto {
  @ApiProperty({ description: 'The site slug.', example: 'demo' })
  @Transform(trim)
  @IsNotEmpty({ message: 'site is required.' })
  @IsString({ message: 'site must be one site slug.' })
  @MaxLength(64, { message: 'site must be one site slug.' })
  site: string;

  @ApiProperty({
    type: [String],
    maxItems: MAX_COUNT_URLS,
    description: `Article URLs, as the page links them (repeat the parameter, up to ${MAX_COUNT_URLS}). Each is canonicalised as threads are.`,
    example: ['http://localhost:3000/news/some-article'],
  })
  // One `url=` arrives as a string, several as a list.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsNotEmpty({ message: COUNT_URLS_MESSAGE })
  @IsArray({ message: COUNT_URLS_MESSAGE })
  @ArrayNotEmpty({ message: COUNT_URLS_MESSAGE })
  @ArrayMaxSize(MAX_COUNT_URLS, { message: TOO_MANY_COUNT_URLS_MESSAGE })
  @IsString({ each: true, message: 'Each url must be an article URL.' })
  @MaxLength(MAX_ARTICLE_URL_LENGTH, { each: true, message: `Each url must be at most ${MAX_ARTICLE_URL_LENGTH} characters.` })
  url: string[];
}
