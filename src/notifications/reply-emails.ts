import { Injectable } from '@nestjs/common';
import type { ReplyEmailsAnswer } from '../threads/thread-answers.js';
import { Mailer } from './mailer.js';
import { CONFIRMATION_SPACING_MINUTES } from './mail-planner.js';
import { MailTokens } from './mail-tokens.js';
import { ReaderAddresses } from './reader-addresses.repository.js';

/** What a new comment's author asked for and proved, decided before it is stored. */
export interface AuthorMail {
  /** Store the comment as asking for reply emails. */
  notifyReplies: boolean;
  /** The comment came with a reader token for this very address: it speaks for the address. */
  authorVerified: boolean;
  /** What to tell the author about reply emails; absent when they did not ask. */
  answer?: ReplyEmailsAnswer;
  addressId: number | null;
}

/**
 * The reader's side of email, as the comment form sees it: whether reply emails are offered at
 * all (only with SMTP configured), and what a new comment's ticked box and reader token amount to.
 */
@Injectable()
export class ReplyEmails {
  constructor(
    private readonly mailer: Mailer,
    private readonly tokens: MailTokens,
    private readonly addresses: ReaderAddresses,
  ) {}

  get offered(): boolean {
    return this.mailer.enabled;
  }

  /** The reader token handed out when an address was confirmed: good for this site and this address only. */
  readerToken(addressId: number): string {
    return this.tokens.issue({ purpose: 'reader', address: addressId });
  }

  /** `signedIn`: the site vouched for the address (its sign-in token): as good as a confirmation. */
  async forAuthor(siteId: number, email: string, asked: { notifyReplies?: boolean; readerToken?: string }, signedIn = false): Promise<AuthorMail> {
    const proof = this.tokens.check(asked.readerToken, ['reader']);
    const notifyReplies = this.offered && asked.notifyReplies === true;
    // Most comments bring no reader token and ask for no mail: the address record could change
    // nothing, and a post saves the read.
    if (proof === null && !notifyReplies) return { notifyReplies, authorVerified: signedIn, addressId: null };
    const address = await this.addresses.find(siteId, email);
    const authorVerified = signedIn || (proof !== null && address !== null && proof.address === address.id && address.verifiedAt !== null);
    const mail: AuthorMail = { notifyReplies, authorVerified, addressId: address?.id ?? null };
    if (!notifyReplies) return mail;
    if (authorVerified) return { ...mail, answer: 'subscribed' };
    const recent = address?.confirmationSentAt && Date.now() - address.confirmationSentAt.getTime() < CONFIRMATION_SPACING_MINUTES * 60_000;
    return { ...mail, answer: recent ? 'confirmation-pending' : 'confirmation-sent' };
  }

  /** A proven reader who ticked the box again wants mail from the site again, after unsubscribing from all of it. */
  async resubscribe(mail: AuthorMail): Promise<void> {
    if (mail.answer === 'subscribed' && mail.addressId !== null) await this.addresses.resubscribe(mail.addressId);
  }
}
