import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { PageDto } from '../../queue/dto/queue-query.dto.js';

export class AuditQueryDto extends PageDto {
  @ApiPropertyOptional({ description: "Only this moderator's actions (an id)." })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'moderator must be a moderator id.' })
  @Min(1, { message: 'moderator must be a moderator id.' })
  moderator?: number;

  @ApiPropertyOptional({ description: 'Only what was done to this comment.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'comment must be a comment id.' })
  @Min(1, { message: 'comment must be a comment id.' })
  comment?: number;
}
