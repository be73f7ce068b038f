import { ApiProperty } from '@nestjs/swagger';
import { PREMODERATION_MODES, type PremoderationMode } from '../../sites/site-settings.js';
import type * as Answers from '../moderation-answers.js';
import { QueueItem } from '../queue/queue-answers.js';
import type * as Articles from './moderated-articles.service.js';

/* The articles routes' answers, for the OpenAPI document. */

export class ModeratedArticle implements Answers.ModeratedArticle {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'The site slug.', example: 'courier' })
  site: string;

  @ApiProperty({ example: 'https://www.courier.example/news/harbour-vote' })
  url: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ description: 'Set by hand; comments may still be closed by the site\'s "close after N days".' })
  open: boolean;

  @ApiProperty({ description: 'Whether readers can post now.' })
  acceptingComments: boolean;

  @ApiProperty({ enum: PREMODERATION_MODES, nullable: true, description: "The article's own pre-moderation; null: the site's." })
  premoderation: PremoderationMode | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ArticleCounts implements Articles.ArticleCounts {
  @ApiProperty()
  approved: number;

  @ApiProperty()
  pending: number;

  @ApiProperty({ description: 'Approved comments with reports not yet decided on.' })
  flagged: number;
}

export class ArticleWithCounts extends ModeratedArticle {
  @ApiProperty({ type: ArticleCounts })
  counts: ArticleCounts;
}

export class ArticlesPage implements Articles.ArticlesPage {
  @ApiProperty({ type: [ArticleWithCounts] })
  articles: ArticleWithCounts[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
  nextCursor: string | null;
}

export class ArticleThreadPage implements Articles.ArticleThreadPage {
  @ApiProperty({ type: ModeratedArticle })
  article: ModeratedArticle;

  @ApiProperty({ type: [QueueItem], description: 'Approved and held comments, oldest first; a reply names its parent, which comes earlier.' })
  comments: QueueItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
