import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
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
