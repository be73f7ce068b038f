import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../../articles/articles.service.js';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Site } from '../../sites/site.entity.js';
import { SitesService } from '../../sites/sites.service.js';
import { CommentsByAuthorRepository } from '../../threads/comments-by-author.repository.js';
import { CommentsRepository } from '../../threads/comments.repository.js';
import { MailOutbox } from '../mail-outbox.repository.js';
import { MailTokenUses } from '../mail-token-uses.repository.js';
import { type CheckedMailToken, MailTokens, type MailTokenPurpose } from '../mail-tokens.js';
import { MAIL_QUEUED } from '../mail-worker.js';
import { type ReaderAddress, ReaderAddresses } from '../reader-addresses.repository.js';
import { ReplyEmails } from '../reply-emails.js';

/** Why a link did nothing; the page says which. */
export type LinkRefusal = 'invalid' | 'used';

/** A link's token, checked, with the address and site it speaks for. */
export interface LinkHolder {
  token: CheckedMailToken;
  address: ReaderAddress;
  site: Site;
}

export type Linked<T> = { ok: true; value: T } | { ok: false; refusal: LinkRefusal };

/**
 * What the links in Kolom's email do for a reader: confirm reply emails (and so the address), and
 * unsubscribe. A link's GET only shows what it would do; the change is a POST, because mail
 * scanners follow links. Confirmations are spent once; unsubscribing twice is harmless.
 */
@Injectable()
export class ReaderLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: MailTokens,
    private readonly addresses: ReaderAddresses,
    private readonly sites: SitesService,
    private readonly comments: CommentsRepository,
    private readonly byAuthor: CommentsByAuthorRepository,
    private readonly outbox: MailOutbox,
    private readonly replyEmails: ReplyEmails,
    private readonly events: EventEmitter2,
    private readonly articles: ArticlesService,
    private readonly tokenUses: MailTokenUses,
  ) {}

  /** The link's token, when it is good for one of the purposes and its address still exists. */
  async holder(token: unknown, purposes: readonly MailTokenPurpose[]): Promise<LinkHolder | null> {
    const checked = this.tokens.check(token, purposes);
    const address = checked ? await this.addresses.findById(checked.address) : null;
    if (!checked || !address) return null;
    return { token: checked, address, site: await this.sites.getById(address.siteId) };
  }

  /** Spends a single-use token in the transaction of the change it pays for (MailTokenUses). */
  spend(manager: EntityManager, token: CheckedMailToken): Promise<boolean> {
    return this.tokenUses.spend(manager, token);
  }

  /** Confirms: the address is verified, its waiting reply emails go, and the reader gets a token proving it. */
  async confirm(holder: LinkHolder): Promise<Linked<{ readerToken: string; articleUrl: string | null }>> {
    const { token, address } = holder;
    const used = await this.dataSource.transaction(async (manager) => {
      if (!(await this.spend(manager, token))) return true;
      await this.addresses.markVerified(manager, address.id);
      await this.byAuthor.verifyAuthor(manager, address.siteId, address.email, token.comment ?? Number.MAX_SAFE_INTEGER);
      await this.outbox.releaseWaiting(manager, address.id);
      return false;
    });
    if (used) return { ok: false, refusal: 'used' };
    this.events.emit(MAIL_QUEUED);
    const comment = token.comment === undefined ? null : await this.comments.findById(token.comment);
    const article = comment ? await this.articles.findById(comment.articleId) : null;
    return { ok: true, value: { readerToken: this.replyEmails.readerToken(address.id), articleUrl: article?.url ?? null } };
  }

  async unsubscribe(holder: LinkHolder): Promise<void> {
    const { token, address } = holder;
    await this.dataSource.transaction(async (manager) => {
      if (token.purpose === 'unsubscribe-site') await this.addresses.markUnsubscribed(manager, address.id);
      await this.byAuthor.stopReplyEmails(manager, address.siteId, address.email, token.purpose === 'unsubscribe-thread' ? (token.article ?? 0) : null);
    });
  }
}
