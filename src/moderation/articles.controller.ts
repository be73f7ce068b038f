import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ArticleControls, type ModeratedArticle } from './article-controls.service.js';
import { ArticleControlsDto } from './dto/article-controls.dto.js';
import { idOf, MODERATION_ROUTES, ModerationApi } from './moderation-api.js';
import type { ModeratorIdentity } from './moderator-identity.js';
import { CurrentModerator } from './moderator.guard.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/articles`)
export class ModeratedArticlesController {
  constructor(private readonly articles: ArticleControls) {}

  @Get(':id')
  @ApiOperation({ summary: "An article's state: open or closed, its pre-moderation" })
  get(@CurrentModerator() moderator: ModeratorIdentity, @Param('id', idOf('article')) id: number): Promise<ModeratedArticle> {
    return this.articles.get(moderator, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Close or reopen an article; set its own pre-moderation (null: the site’s)' })
  change(
    @CurrentModerator() moderator: ModeratorIdentity,
    @Param('id', idOf('article')) id: number,
    @Body() controls: ArticleControlsDto,
  ): Promise<ModeratedArticle> {
    return this.articles.change(moderator, id, controls);
  }
}
