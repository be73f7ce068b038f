import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_ARTICLE_URL_LENGTH } from '../../articles/article-url.js';
import { trim } from '../../http/trim.js';

/** Most ids a client may prove it wrote in one join (its held comments on this article). */
export const MAX_OWN_COMMENTS = 50;

/** A comment the client wrote, proven with the edit token from the answer to its post. */
export class OwnCommentDto {
  @IsInt({ message: 'own[].id must be a comment id.' })
  @Min(1, { message: 'own[].id must be a comment id.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'own[].id must be a comment id.' })
  id: number;

  @IsString({ message: 'own[].editToken must be the edit token from the answer to the post.' })
  @IsNotEmpty({ message: 'own[].editToken must be the edit token from the answer to the post.' })
  @MaxLength(200, { message: 'own[].editToken must be the edit token from the answer to the post.' })
  editToken: string;
}

/** `join`: the article as `{site, url}` (as the page knows it) or `{articleId}` (from a thread page). */
export class JoinDto {
  @ValidateIf((join: JoinDto) => join.articleId === undefined || join.articleId === null)
  @Transform(trim)
  @IsNotEmpty({ message: 'site is required (or articleId).' })
  @IsString({ message: 'site must be a site slug.' })
  @MaxLength(64, { message: 'site must be a site slug.' })
  site?: string;

  @ValidateIf((join: JoinDto) => join.articleId === undefined || join.articleId === null)
  @Transform(trim)
  @IsNotEmpty({ message: 'url is required (or articleId).' })
  @IsString({ message: 'url must be the article URL.' })
  @MaxLength(MAX_ARTICLE_URL_LENGTH, { message: 'url is too long.' })
  url?: string;

  @IsOptional()
  @IsInt({ message: 'articleId must be an article id.' })
  @Min(1, { message: 'articleId must be an article id.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'articleId must be an article id.' })
  articleId?: number;

  @IsOptional()
  @IsInt({ message: 'lastSeenId must be the eventId of the last event received (or lastEventId of the thread page).' })
  @Min(0, { message: 'lastSeenId must be the eventId of the last event received (or lastEventId of the thread page).' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'lastSeenId must be the eventId of the last event received (or lastEventId of the thread page).' })
  lastSeenId?: number;

  @IsOptional()
  @IsArray({ message: 'own must be a list of {id, editToken}.' })
  @ArrayMaxSize(MAX_OWN_COMMENTS, { message: `own may list at most ${MAX_OWN_COMMENTS} comments.` })
  @ValidateNested({ each: true })
  @Type(() => OwnCommentDto)
  own?: OwnCommentDto[];
}

export class LeaveDto {
  @IsInt({ message: 'articleId must be an article id.' })
  @Min(1, { message: 'articleId must be an article id.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'articleId must be an article id.' })
  articleId: number;
}
