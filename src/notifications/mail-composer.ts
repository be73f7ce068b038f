import { Inject, Injectable } from '@nestjs/common';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import type { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { MailMaterial } from './mail-material.repository.js';
import type { OutgoingMail } from './mail-outbox.repository.js';
import { MailTokens } from './mail-tokens.js';
import { excerpt, type MailBlock, type RenderedMail, renderMail } from './messages/mail-layout.js';
import { mailWordsFor } from './messages/mail-words.js';

/** A composed message, with what the headers need besides the text. */
export interface ComposedMail extends RenderedMail {
  /** RFC 8058 one-click unsubscribe (reply emails only). */
  unsubscribeUrl?: string;
}

/**
 * What each message says, read from the comments as they are when it is sent: replies removed
 * since, or held comments a moderator already decided, are left out, and a message left with
 * nothing to say is not sent (null).
 */
@Injectable()
export class MailComposer {
  constructor(
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
    private readonly material: MailMaterial,
    private readonly sites: SitesService,
    private readonly tokens: MailTokens,
  ) {}

  async compose(mail: OutgoingMail): Promise<ComposedMail | null> {
    const site = await this.sites.getById(mail.siteId);
    switch (mail.kind) {
      case 'confirmation':
        return this.confirmation(site, mail);
      case 'replies':
        return this.replies(site, mail);
      case 'held':
        return this.held(site, mail);
      case 'privacy-export':
      case 'privacy-erase':
        return this.privacy(site, mail);
    }
  }

  private link(path: string, token: string): string {
    return `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  private async confirmation(site: Site, mail: OutgoingMail): Promise<ComposedMail | null> {
    const [comment] = await this.material.comments(mail.commentIds, ['approved', 'pending']);
    if (!comment || mail.addressId === null) return null;
    const words = mailWordsFor(site.effectiveSettings.locale);
    const token = this.tokens.issue({ purpose: 'confirm', address: mail.addressId, comment: comment.id });
    return renderMail(words.lang, words.confirmation.subject(site.name), [
      { paragraph: words.greeting },
      { paragraph: words.confirmation.asked(site.name) },
      { quote: excerpt(comment.body, 500) },
      { link: words.confirmation.action, href: this.link('/mail/confirm', token) },
      { paragraph: words.confirmation.verifies },
      { small: words.confirmation.notYou },
    ]);
  }

  private async replies(site: Site, mail: OutgoingMail): Promise<ComposedMail | null> {
    if (mail.addressId === null || mail.articleId === null) return null;
    // Still wanted: the reader may have unsubscribed, from the thread or the site, since it was planned.
    const replies = (await this.material.repliesStillWanted(mail.addressId, mail.articleId)) ? await this.material.comments(mail.commentIds, ['approved']) : [];
    if (replies.length === 0) return null;
    const words = mailWordsFor(site.effectiveSettings.locale);
    const article = replies[0].title ?? replies[0].url;
    const blocks: MailBlock[] = [];
    for (const reply of replies) {
      blocks.push(
        { paragraph: words.replies.replied(reply.author_name, article) },
        { quote: excerpt(reply.body) },
        { link: words.replies.read, href: `${reply.url}#comment-${reply.id}` },
      );
    }
    const thread = this.link('/mail/unsubscribe', this.tokens.issue({ purpose: 'unsubscribe-thread', address: mail.addressId, article: mail.articleId }));
    const everything = this.link('/mail/unsubscribe', this.tokens.issue({ purpose: 'unsubscribe-site', address: mail.addressId }));
    blocks.push(
      { separator: true },
      { small: words.replies.why(site.name) },
      { link: words.replies.unsubscribeThread, href: thread },
      { link: words.replies.unsubscribeSite(site.name), href: everything },
    );
    return { ...renderMail(words.lang, words.replies.subject(site.name, replies.length), blocks), unsubscribeUrl: thread };
  }

  /** Moderators see what the desk shows them (the author's address included), never an approve link: scanners follow links. */
  private async held(site: Site, mail: OutgoingMail): Promise<ComposedMail | null> {
    const held = await this.material.comments(mail.commentIds, ['pending']);
    if (held.length === 0) return null;
    const words = mailWordsFor(site.effectiveSettings.locale);
    const desk = `${this.config.publicUrl}/moderate`;
    const blocks: MailBlock[] = [{ paragraph: words.held.intro(site.name, held.length) }];
    for (const comment of held) {
      const author = `${comment.author_name} <${comment.author_email}>${comment.author_website ? ` ${comment.author_website}` : ''}`;
      blocks.push(
        { separator: true },
        {
          fields: [
            [words.held.article, `${comment.title ?? ''} ${comment.url}`.trim()],
            [words.held.author, author],
            [words.held.reasons, comment.spam_reasons.join('; ') || words.held.premoderation],
          ],
        },
        { quote: excerpt(comment.body) },
        { link: words.held.open, href: `${desk}#/articles/${comment.article_id}` },
      );
    }
    blocks.push({ separator: true }, { link: words.held.queue, href: `${desk}#/queue/pending` }, { small: words.held.why });
    return renderMail(words.lang, words.held.subject(site.name, held.length), blocks);
  }

  private privacy(site: Site, mail: OutgoingMail): ComposedMail | null {
    if (mail.addressId === null) return null;
    const words = mailWordsFor(site.effectiveSettings.locale);
    if (mail.kind === 'privacy-export') {
      const href = this.link('/privacy/export', this.tokens.issue({ purpose: 'export', address: mail.addressId }));
      return renderMail(words.lang, words.privacyExport.subject(site.name), [
        { paragraph: words.greeting },
        { paragraph: words.privacyExport.asked(site.name) },
        { link: words.privacyExport.action, href },
        { small: words.privacyExport.notYou },
      ]);
    }
    const href = this.link('/privacy/erase', this.tokens.issue({ purpose: 'erase', address: mail.addressId }));
    return renderMail(words.lang, words.privacyErase.subject(site.name), [
      { paragraph: words.greeting },
      { paragraph: words.privacyErase.asked(site.name) },
      { paragraph: words.privacyErase.what },
      { link: words.privacyErase.action, href },
      { small: words.privacyErase.notYou },
    ]);
  }
}
