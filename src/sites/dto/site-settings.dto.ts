import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PREMODERATION_MODES, type PremoderationMode, REACTION_SYMBOLS, type ReactionSymbol, type SiteSettings } from '../site-settings.js';

const whole = (field: string, min: number, max: number) => {
  const message = `${field} must be a whole number from ${min} to ${max}.`;
  return [IsInt({ message }), Min(min, { message }), Max(max, { message })];
};
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/**
 * A setting left out stays as it is; one sent as null is checked, and refused, like any other
 * wrong value (IsOptional would let null through and store it as the site's setting).
 */
const LeftOutOrValid = () => ValidateIf((_, value) => value !== undefined);

/** Word lists as WordPress keeps them: one entry per line, blank lines dropped, trimmed. */
const cleanWords = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((w) => (typeof w === 'string' ? w.trim() : w)).filter((w) => w !== ''))] : value;

/** The settings an admin may change; each one absent stays as it is. */
export class SiteSettingsDto implements Partial<SiteSettings> {
  @ApiPropertyOptional({ minimum: 1, maximum: 10 })
  @LeftOutOrValid()
  @apply(whole('maxDepth', 1, 10))
  maxDepth?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 50, description: 'Comments with at least this many links are held; 0 holds none.' })
  @LeftOutOrValid()
  @apply(whole('maxLinks', 0, 50))
  maxLinks?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 600 })
  @LeftOutOrValid()
  @apply(whole('minSubmitSeconds', 0, 600))
  minSubmitSeconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 3600 })
  @LeftOutOrValid()
  @apply(whole('floodSeconds', 0, 3600))
  floodSeconds?: number;

  @ApiPropertyOptional({ enum: [...PREMODERATION_MODES] })
  @LeftOutOrValid()
  @IsIn(PREMODERATION_MODES, { message: `premoderation must be one of ${PREMODERATION_MODES.join(', ')}.` })
  premoderation?: PremoderationMode;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, description: '0 keeps articles open.' })
  @LeftOutOrValid()
  @apply(whole('closeAfterDays', 0, 3650))
  closeAfterDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10080 })
  @LeftOutOrValid()
  @apply(whole('editWindowMinutes', 0, 10080))
  editWindowMinutes?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1440,
    description:
      'A reader gets at most one reply email per thread in this many minutes (fractions allowed); replies meanwhile wait for the next one. 0: one per reply.',
  })
  @LeftOutOrValid()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'replyMailMinutes must be a number of minutes from 0 to 1440.' })
  @Min(0, { message: 'replyMailMinutes must be a number of minutes from 0 to 1440.' })
  @Max(1440, { message: 'replyMailMinutes must be a number of minutes from 0 to 1440.' })
  replyMailMinutes?: number;

  @ApiPropertyOptional({ description: "Only readers signed in with the site's own accounts may comment (sign-in must be set up)." })
  @LeftOutOrValid()
  @IsBoolean({ message: 'signInRequired must be true or false.' })
  signInRequired?: boolean;

  @ApiPropertyOptional({ description: "The site's own login page, where the widget sends readers to sign in; empty for none." })
  @LeftOutOrValid()
  @IsString({ message: 'signInUrl must be an http(s) address, or empty.' })
  @MaxLength(500, { message: 'signInUrl must be an http(s) address, or empty.' })
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'signInUrl must be an http(s) address, or empty.' })
  signInUrl?: string;
  @ApiPropertyOptional({ enum: [...REACTION_SYMBOLS], description: "The like button's symbol on the site's pages." })
  @LeftOutOrValid()
  @IsIn(REACTION_SYMBOLS, { message: `reactionSymbol must be one of ${REACTION_SYMBOLS.join(', ')}.` })
  reactionSymbol?: ReactionSymbol;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Weighed reader reports that hold a published comment; 0 never holds one.' })
  @LeftOutOrValid()
  @apply(whole('flagThreshold', 0, 100))
  flagThreshold?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3650,
    description: 'Spam and trash are deleted this many days after they got there (as WordPress’s EMPTY_TRASH_DAYS); 0 keeps them.',
  })
  @LeftOutOrValid()
  @apply(whole('purgeSpamTrashDays', 0, 3650))
  purgeSpamTrashDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3650,
    description: 'IP addresses and user agents are erased from comments this many days after posting; 0 keeps them.',
  })
  @LeftOutOrValid()
  @apply(whole('keepAddressesDays', 0, 3650))
  keepAddressesDays?: number;

  @ApiPropertyOptional({ type: [String], description: 'A comment containing one of these is held.' })
  @LeftOutOrValid()
  @Transform(cleanWords)
  @IsArray({ message: 'moderationWords must be a list of words.' })
  @ArrayMaxSize(2000, { message: 'moderationWords can hold 2000 entries at most.' })
  @IsString({ each: true, message: 'moderationWords must be a list of words.' })
  @MaxLength(200, { each: true, message: 'Each of the moderationWords has 200 characters at most.' })
  moderationWords?: string[];

  @ApiPropertyOptional({ type: [String], description: 'A comment containing one of these goes to spam.' })
  @LeftOutOrValid()
  @Transform(cleanWords)
  @IsArray({ message: 'blockedWords must be a list of words.' })
  @ArrayMaxSize(2000, { message: 'blockedWords can hold 2000 entries at most.' })
  @IsString({ each: true, message: 'blockedWords must be a list of words.' })
  @MaxLength(200, { each: true, message: 'Each of the blockedWords has 200 characters at most.' })
  blockedWords?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['p'],
    description: "Query parameters that name an article (such as WordPress's `p`); every other one is dropped from article URLs.",
  })
  @LeftOutOrValid()
  @Transform(cleanWords)
  @IsArray({ message: 'articleParameters must be a list of query parameter names.' })
  @ArrayMaxSize(20, { message: 'articleParameters can hold 20 names at most.' })
  @IsString({ each: true, message: 'articleParameters must be a list of query parameter names.' })
  @Matches(/^[\w.[\]-]{1,64}$/, { each: true, message: 'Each of the articleParameters is a query parameter name such as p or id.' })
  articleParameters?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100000,
    description: 'New articles one client network may start per hour with their first comments; 0: no limit.',
  })
  @LeftOutOrValid()
  @apply(whole('newArticlesPerHour', 0, 100000))
  newArticlesPerHour?: number;

  @ApiPropertyOptional({ example: 'id', description: 'A language tag such as en or id.' })
  @LeftOutOrValid()
  @IsString()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'locale must be a language tag such as en or id.' })
  locale?: string;
}
