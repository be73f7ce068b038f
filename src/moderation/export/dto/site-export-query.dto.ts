import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_ARTICLE_URL_LENGTH } from '../../../articles/article-url.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../export/export-records.js';

export class SiteExportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: "wxr: WordPress's export format; json: Kolom's own, with every field moderators see." })
  @IsIn(EXPORT_FORMATS, { message: 'format must be wxr or json.' })
  format: ExportFormat;

  @ApiPropertyOptional({ description: "One article's URL: only its comments." })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ARTICLE_URL_LENGTH)
  article?: string;
}
