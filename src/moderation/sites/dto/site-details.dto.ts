import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { SiteSettingsDto } from '../../../sites/dto/site-settings.dto.js';

const ORIGINS = 'origins must be a list of origins such as https://news.example.com.';
/** Staging, www, AMP caches: a handful each, and a bound on what one request may hold. */
const MAX_ORIGINS = 50;

/*
 * Only shapes here: the slug's rule, an origin's form and a name's length are SitesService's (the
 * command line's site:create obeys them too), which answers each with the field it belongs to.
 */

/** A new site (admins), as `npm run kolom -- site:create` makes one. */
export class NewSiteDto {
  @ApiProperty({ example: 'harian', description: '1 to 64 lower-case letters, digits and dashes; the widget names the site by it.' })
  @IsString({ message: 'slug must be 1 to 64 lower-case letters, digits and dashes.' })
  @MaxLength(200, { message: 'slug must be 1 to 64 lower-case letters, digits and dashes.' })
  slug: string;

  @ApiPropertyOptional({ description: 'Shown to moderators; defaults to the slug.' })
  @IsOptional()
  @IsString({ message: 'name must be text.' })
  @MaxLength(200, { message: "A site's name has 100 characters at most." })
  name?: string;

  @ApiProperty({
    type: [String],
    example: ['https://harian.example', 'https://www.harian.example'],
    description: 'Where its pages are served from: at least one.',
  })
  @IsArray({ message: ORIGINS })
  @ArrayMaxSize(MAX_ORIGINS, { message: `A site has ${MAX_ORIGINS} origins at most.` })
  @IsString({ each: true, message: ORIGINS })
  @MaxLength(300, { each: true, message: ORIGINS })
  origins: string[];

  @ApiPropertyOptional({ type: SiteSettingsDto, description: 'Settings left out take their defaults.' })
  @IsOptional()
  @IsObject({ message: 'settings must be an object.' })
  @ValidateNested()
  @Type(() => SiteSettingsDto)
  settings?: SiteSettingsDto;
}

/** What an admin may change about a site; each part left out stays as it is. */
export class SiteChangeDto {
  @ApiPropertyOptional({ type: SiteSettingsDto })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject({ message: 'settings must be an object.' })
  @ValidateNested()
  @Type(() => SiteSettingsDto)
  settings?: SiteSettingsDto;

  @ApiPropertyOptional({ description: 'Shown to moderators.' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: 'name must be text.' })
  @MaxLength(200, { message: "A site's name has 100 characters at most." })
  name?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Replaces every origin (at least one). Other nodes follow within 5 seconds; pages already open keep their connection.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray({ message: ORIGINS })
  @ArrayMaxSize(MAX_ORIGINS, { message: `A site has ${MAX_ORIGINS} origins at most.` })
  @IsString({ each: true, message: ORIGINS })
  @MaxLength(300, { each: true, message: ORIGINS })
  origins?: string[];
}
