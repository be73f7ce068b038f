import { Article } from '../articles/article.entity.js';
import { ArticleEvent } from '../threads/article-event.entity.js';
import { InstanceSecret } from '../secrets/instance-secret.entity.js';
import { Site } from '../sites/site.entity.js';
import { Ban } from '../spam/ban.entity.js';
import { SpamCorpus, SpamToken, SpamTraining, SpamWeight } from '../spam/classifier/spam-model.entity.js';
import { Comment } from '../threads/comment.entity.js';
import { CommentReaction } from '../reactions/comment-reaction.entity.js';
import { Flag } from '../moderation/flags/flag.entity.js';
import { ModerationAction } from '../moderation/audit/moderation-action.entity.js';
import { Moderator, ModeratorSession, ModeratorSite } from '../moderation/accounts/moderator.entity.js';

/** Every entity, listed: under ESM TypeORM cannot glob for them. */
export const ENTITIES = [
  Site,
  Article,
  Comment,
  InstanceSecret,
  ArticleEvent,
  Ban,
  SpamToken,
  SpamCorpus,
  SpamTraining,
  SpamWeight,
  Moderator,
  ModeratorSite,
  ModeratorSession,
  Flag,
  ModerationAction,
  CommentReaction,
];
