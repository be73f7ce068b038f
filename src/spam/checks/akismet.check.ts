import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KolomConfig } from '../../config/config.js';
import { KOLOM_CONFIG } from '../../config/config.module.js';
import { AkismetError, akismetCommentCheck } from '../akismet-client.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/**
 * Akismet's verdict, for sites that have a key. Akismet is someone else's service: when it is slow,
 * down or refuses the key, the comment is judged by the other checks alone (fail open) rather than
 * held, and the moderators see why Akismet had nothing to say.
 */
@Injectable()
export class AkismetCheck implements SpamCheck {
  readonly name = 'akismet';
  private readonly logger = new Logger('Akismet');

  constructor(@Inject(KOLOM_CONFIG) private readonly config: KolomConfig) {}

  async check(candidate: SpamCandidate): Promise<CheckOutcome | null> {
    const key = this.config.akismetKey;
    if (!key) return null;
    const endpoint = { url: this.config.akismetUrl, key, timeoutMs: this.config.akismetTimeoutMs };
    try {
      const answer = await akismetCommentCheck(endpoint, this.fields(candidate));
      if (answer.verdict === 'ham') return null;
      if (answer.verdict === 'spam') {
        return answer.discard ? { score: 10, reason: 'blatant spam', action: 'spam' } : { score: 5, reason: 'spam', action: 'spam' };
      }
      return this.failOpen(`refused the request (${answer.debugHelp ?? 'bad key or missing fields'})`);
    } catch (error) {
      if (error instanceof AkismetError) return this.failOpen(error.timedOut ? error.message : `failed (${error.message})`);
      throw error;
    }
  }

  private fields(candidate: SpamCandidate): Record<string, string> {
    return {
      blog: candidate.siteUrl,
      user_ip: candidate.ip ?? '',
      user_agent: candidate.userAgent ?? '',
      // The form is posted by script from the article page, so the server never sees a referrer.
      referrer: '',
      permalink: candidate.articleUrl,
      comment_type: 'comment',
      comment_author: candidate.authorName,
      comment_author_email: candidate.authorEmail,
      comment_author_url: candidate.authorWebsite ?? '',
      comment_content: candidate.body,
      blog_lang: candidate.settings.locale,
      blog_charset: 'UTF-8',
      comment_date_gmt: new Date().toISOString(),
      ...(this.config.akismetTest ? { is_test: '1' } : {}),
    };
  }

  /** No action: a missing verdict must neither hold nor pass a comment the other checks judged. */
  private failOpen(reason: string): CheckOutcome {
    // The reason names only what Akismet did: the log must not gather readers' emails, IPs or text.
    this.logger.warn(`no verdict from Akismet, judged without it: ${reason}`);
    return { score: 0, reason };
  }
}
