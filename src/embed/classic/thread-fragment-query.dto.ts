import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsPositive, IsString, Max, MaxLength } from 'class-validator';
import { ThreadQueryDto } from '../../threads/dto/thread-query.dto.js';

export class ThreadFragmentQueryDto extends ThreadQueryDto {
  @ApiPropertyOptional({ description: 'The language of the fragment\'s own words: "en" (default) or "id".', example: 'id' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  lang?: string;

  @ApiPropertyOptional({ description: "The comment the form answers, as WordPress's `?replytocom=ID`: pass the article page's own on.", example: 42 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'replytocom must be a comment id.' })
  @IsPositive({ message: 'replytocom must be a comment id.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'replytocom must be a comment id.' })
  replytocom?: number;
}
