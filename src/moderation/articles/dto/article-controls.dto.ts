import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_ARTICLE_URL_LENGTH } from '../../../articles/article-url.js';
import { trim } from '../../../http/trim.js';
import { PREMODERATION_MODES, type PremoderationMode } from '../../../sites/site-settings.js';

export class ArticleControlsDto {
  @ApiPropertyOptional({ description: 'false closes the article to new comments; true reopens it.' })
  @IsOptional()
  @IsBoolean({ message: 'open must be true or false.' })
  open?: boolean;

  @ApiPropertyOptional({ enum: [...PREMODERATION_MODES], nullable: true, description: "This article's pre-moderation; null follows the site's." })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsIn(PREMODERATION_MODES, { message: `premoderation must be ${PREMODERATION_MODES.join(', ')} or null.` })
  premoderation?: PremoderationMode | null;
}

/** An article set up before its first comment: a sensitive story held in full from the start, or closed. */
export class NewArticleDto extends ArticleControlsDto {
  @ApiProperty({ description: 'The site slug.', example: 'demo' })
  @Transform(trim)
  @IsNotEmpty({ message: 'site is required.' })
  @IsString({ message: 'site must be a site slug.' })
  @MaxLength(64, { message: 'site must be a site slug.' })
  site: string;

  @ApiProperty({ description: "The article's URL, canonicalised as readers' pages are.", example: 'https://news.example/politics/budget' })
  @Transform(trim)
  @IsNotEmpty({ message: 'url is required.' })
  @IsString({ message: 'url must be the article URL.' })
  @MaxLength(MAX_ARTICLE_URL_LENGTH, { message: 'url is too long.' })
  url: string;
}
