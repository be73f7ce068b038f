import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import * as Answers from './article-answers.js';
import { ArticleControlsService } from './article-controls.service.js';
import type { ModeratedArticle } from '../moderation-answers.js';
import { ArticleControlsDto, NewArticleDto } from './dto/article-controls.dto.js';
import { ArticleCommentsQueryDto, ArticlesQueryDto } from './dto/moderated-articles-query.dto.js';
import { type ArticlesPage, type ArticleThreadPage, ModeratedArticlesService } from './moderated-articles.service.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { CurrentModerator } from '../accounts/moderator.guard.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/articles`)
export class ModeratedArticlesController {
  constructor(
    private readonly articles: ArticleControlsService,
    private readonly moderated: ModeratedArticlesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Articles of your sites, newest first, each with its approved, pending and flagged counts',
    description: '`q` finds text in the title or the URL, in any case; `%`, `_` and `\\` in it are taken literally.',
  })
  @ApiOkResponse({ type: Answers.ArticlesPage })
  @ApiErrors([400, 'A query value is malformed (site, cursor, limit…): `fields` says which.'], [404, 'There is no such site, or not yours.'])
  list(@CurrentModerator() moderator: ModeratorIdentity, @Query() query: ArticlesQueryDto): Promise<ArticlesPage> {
    return this.moderated.page(moderator, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Set up an article before its first comment (closed, or with its own pre-moderation)',
    description: 'Readers create an article with its first comment; this creates it now (201), or changes the one at that URL (200).',
  })
  @ApiCreatedResponse({ type: Answers.ModeratedArticle, description: 'Created.' })
  @ApiOkResponse({ type: Answers.ModeratedArticle, description: 'It existed: changed as asked.' })
  @ApiErrors(
    [400, 'A value is wrong (the URL, open, premoderation): `fields` says which.'],
    [403, 'The URL is not on one of the site\'s origins; or the account must choose its own password first (code "password-change-required").'],
    [404, 'There is no such site, or not yours.'],
    413,
  )
  async create(
    @CurrentModerator() moderator: ModeratorIdentity,
    @Body() wanted: NewArticleDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ModeratedArticle> {
    const { created, article } = await this.articles.create(moderator, wanted);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return article;
  }

  @Get(':id')
  @ApiOperation({ summary: "An article's state: open or closed, its pre-moderation" })
  @ApiOkResponse({ type: Answers.ModeratedArticle })
  @ApiErrors([404, 'There is no such article, or not on your sites.'])
  get(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('article')) id: number): Promise<ModeratedArticle> {
    return this.articles.get(moderator, id);
  }

  @Get(':id/comments')
  @ApiOperation({
    summary: "An article's thread as a moderator sees it: approved and held comments, oldest first",
    description: 'Each comment is a queue item; a reply names its parent (`parent.id`), which always comes earlier.',
  })
  @ApiOkResponse({ type: Answers.ArticleThreadPage })
  @ApiErrors([400, 'The cursor or limit is malformed.'], [404, 'There is no such article, or not on your sites.'])
  thread(
    @CurrentModerator() moderator: ModeratorIdentity,
    @Param('id', idOf('article')) id: number,
    @Query() query: ArticleCommentsQueryDto,
  ): Promise<ArticleThreadPage> {
    return this.moderated.thread(moderator, id, query);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Close or reopen an article; set its own pre-moderation (null: the site’s)' })
  @ApiOkResponse({ type: Answers.ModeratedArticle })
  @ApiErrors([400, 'open or premoderation is wrong: `fields` says which.'], [404, 'There is no such article, or not on your sites.'], 413)
  change(
    @CurrentModerator() moderator: ModeratorIdentity,
    @Param('id', idOf('article')) id: number,
    @Body() controls: ArticleControlsDto,
  ): Promise<ModeratedArticle> {
    return this.articles.change(moderator, id, controls);
  }
}
