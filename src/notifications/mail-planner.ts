import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SitesService } from '../sites/sites.service.js';
import { MailMaterial } from './mail-material.repository.js';
import { type MailEvent, MailOutbox } from './mail-outbox.repository.js';
import { ReaderAddresses } from './reader-addresses.repository.js';

/**
 * A confirmation goes to an address at most this often: whoever types someone's address with the
 * box ticked cannot fill their inbox. Comments ticked meanwhile are confirmed by the link already sent.
 */
export const CONFIRMATION_SPACING_MINUTES = 60;

/**
 * Turns what happened to comments (mail_events) into messages (mail_messages), inside the
 * transaction that uses the events up. Who is mailed is decided here, from the data as it is now;
 * what the message says is decided when it is sent (MailComposer), so a reply removed meanwhile is
 * not mailed.
 */
@Injectable()
export class MailPlanner {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly addresses: ReaderAddresses,
    private readonly sites: SitesService,
    private readonly material: MailMaterial,
  ) {}

  async plan(manager: EntityManager, event: MailEvent): Promise<void> {
    if (event.kind === 'reply') await this.planReply(manager, event.commentId);
    else if (event.kind === 'held') await this.planHeld(manager, event.commentId);
    else await this.planConfirmation(manager, event.commentId);
  }

  /**
   * The author of the comment replied to, when they asked for replies by email, proved the address
   * (or have a confirmation out: the mail then waits for it), still want mail from the site, and
   * are not the one replying.
   */
  private async planReply(manager: EntityManager, replyId: number): Promise<void> {
    const row = await this.material.replyContext(manager, replyId);
    if (!row || !row.notify_replies || row.recipient === '' || row.recipient === row.replier) return;
    if (!['approved', 'pending'].includes(row.parent_status)) return;
    const address = await this.addresses.find(row.site_id, row.recipient, manager);
    if (!address || address.unsubscribedAt) return;
    if (!row.author_verified && !address.confirmationSentAt) return;
    const site = await this.sites.getById(row.site_id);
    await this.outbox.add(manager, {
      siteId: row.site_id,
      kind: 'replies',
      recipient: row.recipient,
      addressId: address.id,
      articleId: Number(row.article_id),
      commentIds: [replyId],
      status: row.author_verified ? 'queued' : 'waiting',
      spacingMinutes: site.effectiveSettings.replyMailMinutes,
    });
  }

  /** Every moderator of the site who wants held-comment mail, as each one chose. */
  private async planHeld(manager: EntityManager, commentId: number): Promise<void> {
    const siteId = await this.material.heldCommentSite(manager, commentId);
    if (siteId === undefined) return;
    for (const moderator of await this.material.heldMailModerators(manager, siteId)) {
      await this.outbox.add(manager, {
        siteId,
        kind: 'held',
        recipient: moderator.email,
        moderatorId: moderator.id,
        commentIds: [commentId],
        ...(moderator.held_mail === 'digest' ? { spacingMinutes: moderator.held_mail_minutes } : {}),
      });
    }
  }

  /** The first ticked comment from an address not proven on this device: ask the address first. */
  private async planConfirmation(manager: EntityManager, commentId: number): Promise<void> {
    const comment = await this.material.unprovenAsker(manager, commentId);
    if (!comment || comment.author_email === '') return;
    const address = await this.addresses.lockOrCreate(manager, comment.site_id, comment.author_email);
    const since = address.confirmationSentAt ? Date.now() - address.confirmationSentAt.getTime() : Infinity;
    if (since < CONFIRMATION_SPACING_MINUTES * 60_000) return;
    await this.addresses.markConfirmationSent(manager, address.id);
    await this.outbox.add(manager, {
      siteId: comment.site_id,
      kind: 'confirmation',
      recipient: comment.author_email,
      addressId: address.id,
      commentIds: [commentId],
    });
  }
}
