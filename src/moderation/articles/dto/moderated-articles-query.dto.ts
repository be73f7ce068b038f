import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { trimOptional } from '../../../http/trim.js';
import { MAX_QUEUE_PAGE, PageDto } from '../../queue/dto/queue-query.dto.js';

export class ArticlesQueryDto extends PageDto {
  @ApiPropertyOptional({ description: 'Text in the title or the URL (any case).' })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q is too long (200 characters at most).' })
  q?: string;
}

/** The article names its site, so there is no site to choose; a thread reads in long pages. */
export class ArticleCommentsQueryDto extends OmitType(PageDto, ['site'] as const) {
  @ApiPropertyOptional({ default: MAX_QUEUE_PAGE, minimum: 1, maximum: MAX_QUEUE_PAGE })
  limit: number = MAX_QUEUE_PAGE;
}
