import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ThreadQueryDto } from '../../threads/dto/thread-query.dto.js';

export class ThreadFragmentQueryDto extends ThreadQueryDto {
  @ApiPropertyOptional({ description: 'The language of the fragment\'s own words: "en" (default) or "id".', example: 'id' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  lang?: string;
}
