import { Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { ClientInfo } from '../http/client-info.decorator.js';
import { readerOf } from '../rate-limits/client-network.js';
import { type RateLimit, RateLimits } from '../rate-limits/rate-limits.js';
import { SecretsService } from '../secrets/secrets.service.js';
import { COMMENT_REACTED, CommentReactedEvent } from './reaction-events.js';
import { ReactionsRepository } from './reactions.repository.js';

/** Likes and unlikes one reader may send: a reader going down a long thread liking as they read, not a script. */
const LIKE_LIMIT: RateLimit = { name: 'likes', points: 120, seconds: 600 };

export const REACTION_MESSAGES = {
  noSuchComment: 'There is no such comment.',
  tooMany: 'You have liked many comments in a short time.',
} as const;

/** What a like or an unlike answers: the comment's count, and whether this reader now likes it. */
export interface ReactionAnswer {
  likes: number;
  liked: boolean;
}

/**
 * Readers' likes. No accounts: a reader is an IPv4 address or IPv6 /64 on a site, as for reports
 * (readerOf), kept only as a keyed hash, so a household likes a comment once. Only comments
 * readers can see (approved) can be liked; any other answers 404 like an unknown one.
 */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly reactions: ReactionsRepository,
    private readonly secrets: SecretsService,
    private readonly limits: RateLimits,
    private readonly events: EventEmitter2,
  ) {}

  like(commentId: number, client: ClientInfo): Promise<ReactionAnswer> {
    return this.react(commentId, client, true);
  }

  unlike(commentId: number, client: ClientInfo): Promise<ReactionAnswer> {
    return this.react(commentId, client, false);
  }

  private async react(commentId: number, client: ClientInfo, liked: boolean): Promise<ReactionAnswer> {
    const comment = await this.reactions.likeable(commentId);
    if (!comment) throw new NotFoundException(REACTION_MESSAGES.noSuchComment);
    const reactor = this.secrets.mac('like-reader', `${comment.siteId}|${readerOf(client)}`);
    await this.limits.take(LIKE_LIMIT, reactor, REACTION_MESSAGES.tooMany);
    const outcome = liked ? await this.reactions.like(commentId, reactor) : await this.reactions.unlike(commentId, reactor);
    if (!outcome) throw new NotFoundException(REACTION_MESSAGES.noSuchComment);
    // After the commit (the statement was its own transaction): open pages get the count in the next batch.
    if (outcome.changed) this.events.emit(COMMENT_REACTED, new CommentReactedEvent(comment.articleId, commentId));
    return { likes: outcome.likes, liked };
  }
}
