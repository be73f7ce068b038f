import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClientInfo } from '../../http/client-info.decorator.js';
import { ModerationEvents, ModerationActedEvent } from '../../moderation/moderation-events.js';
import { ModerationAction } from '../../moderation/audit/moderation-action.entity.js';
import { clientNetwork } from '../../rate-limits/client-network.js';
import { RateLimits } from '../../rate-limits/rate-limits.js';
import type { Site } from '../../sites/site.entity.js';
import { CommentEvent, CommentEvents } from '../../threads/comment-events.js';
import { type AuthorsComment, CommentsByAuthorRepository } from '../../threads/comments-by-author.repository.js';
import { isWordPressEmail } from '../../threads/email-address.js';
import { MailOutbox } from '../mail-outbox.repository.js';
import { MAIL_QUEUED } from '../mail-worker.js';
import { ReaderAddresses } from '../reader-addresses.repository.js';
import { type LinkHolder, type Linked, ReaderLinks } from './reader-links.service.js';

export type PrivacyRequestKind = 'export' | 'erase';

/** Requests one client network may make per hour: enough for a household, too few to mail-bomb through. */
const REQUESTS_PER_HOUR = { name: 'privacy-requests', points: 10, seconds: 3600 };
/** One link of each kind per address in this many minutes: a request repeated sends nothing more. */
const SAME_REQUEST_MINUTES = 15;

/** A reader's own copy of what the site keeps of them. */
export interface PrivacyExport {
  site: string;
  email: string;
  exportedAt: string;
  comments: AuthorsComment[];
}

/**
 * Self-service privacy for readers without accounts: by address, a copy of every comment posted
 * with it, or their erasure, each only through a link emailed to that address. The answer to a
 * request is the same whether the address has comments or not; an address without any gets no
 * mail at all (Kolom never mails strangers on a form's say-so).
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly comments: CommentsByAuthorRepository,
    private readonly addresses: ReaderAddresses,
    private readonly outbox: MailOutbox,
    private readonly links: ReaderLinks,
    private readonly rateLimits: RateLimits,
    private readonly events: EventEmitter2,
  ) {}

  /** false: the address is not one (the caller says so); true: accepted, whatever follows. */
  async request(site: Site, rawEmail: string, kind: PrivacyRequestKind, client: ClientInfo): Promise<boolean> {
    const email = rawEmail.trim().toLowerCase();
    if (email.length > 100 || !isWordPressEmail(email)) return false;
    await this.rateLimits.take(
      REQUESTS_PER_HOUR,
      `${site.id}|${client.ip === null ? 'unknown' : clientNetwork(client.ip)}`,
      'Too many requests from your network; try again in an hour.',
    );
    const mailKind = kind === 'export' ? 'privacy-export' : 'privacy-erase';
    if (await this.outbox.sentRecently(site.id, email, mailKind, SAME_REQUEST_MINUTES)) return true;
    const queued = await this.dataSource.transaction(async (manager) => {
      if (!(await this.comments.hasAny(manager, site.id, email))) return false;
      const address = await this.addresses.lockOrCreate(manager, site.id, email);
      await this.outbox.add(manager, { siteId: site.id, kind: mailKind, recipient: email, addressId: address.id });
      return true;
    });
    if (queued) this.events.emit(MAIL_QUEUED);
    return true;
  }

  async export(holder: LinkHolder): Promise<PrivacyExport> {
    const { site, address } = holder;
    return { site: site.name, email: address.email, exportedAt: new Date().toISOString(), comments: await this.comments.byAuthor(site.id, address.email) };
  }

  async countErasable(holder: LinkHolder): Promise<number> {
    return (await this.comments.byAuthor(holder.site.id, holder.address.email)).length;
  }

  /**
   * Erases in one transaction: the comments, the address and its mail, and an audit line saying
   * how many (never whose). Open pages drop the public ones live; moderators' queues drop the rest.
   */
  async erase(holder: LinkHolder): Promise<Linked<number>> {
    const { token, site, address } = holder;
    const erased = await this.dataSource.transaction(async (manager) => {
      if (!(await this.links.spend(manager, token))) return null;
      const comments = await this.comments.eraseAuthor(manager, site.id, address.email);
      await this.outbox.forgetRecipient(manager, site.id, address.email);
      await this.addresses.delete(manager, address.id);
      await manager.insert(ModerationAction, { siteId: site.id, action: 'erase', detail: { comments: comments.length } });
      return comments;
    });
    if (erased === null) return { ok: false, refusal: 'used' };
    for (const { comment, from } of erased) if (from === 'approved') this.events.emit(CommentEvents.removed, new CommentEvent(comment));
    const changes = erased.filter(({ from }) => from !== 'deleted').map(({ comment, from }) => ({ comment, from, to: comment.status }));
    if (changes.length > 0) this.events.emit(ModerationEvents.acted, new ModerationActedEvent(null, 'erase', changes));
    return { ok: true, value: erased.length };
  }
}
