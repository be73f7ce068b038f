import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import type { ComposedMail } from './mail-composer.js';

/** Why a send failed, told apart: a permanent refusal is not tried again. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** Addresses in a server's answer ("550 <ayu@example.org>: unknown user") are private: they never reach a log line or a stored error. */
const ADDRESS = /[^\s<>@"']+@[^\s<>@"']+/g;

export function describeSendFailure(error: unknown): MailSendError {
  const failure = error as { responseCode?: number; code?: string; message?: string };
  const permanent = typeof failure.responseCode === 'number' && failure.responseCode >= 500 && failure.responseCode < 600;
  const said = [failure.code, failure.responseCode, failure.message?.replace(ADDRESS, '[address]')].filter((part) => part !== undefined).join(' ');
  return new MailSendError(said.slice(0, 300) || 'unknown failure', permanent);
}

/**
 * SMTP through nodemailer, one pooled transport per process. Timeouts are short: a mail server that
 * hangs holds up only the worker's next try, never a reader (nothing here runs inside a request).
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter | null;

  constructor(@Inject(KOLOM_CONFIG) private readonly config: KolomConfig) {
    this.transport = config.mail
      ? nodemailer.createTransport({
          url: config.mail.smtpUrl,
          pool: true,
          maxConnections: 2,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** `messageId` stays the same for every try of one message, so a copy that slips through twice is one message to mail clients. */
  async send(to: string, mail: ComposedMail, messageId: string): Promise<void> {
    if (!this.transport || !this.config.mail) throw new MailSendError('mail is not configured', true);
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
    if (mail.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${mail.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      await this.transport.sendMail({ from: this.config.mail.from, to, subject: mail.subject, text: mail.text, html: mail.html, messageId, headers });
    } catch (error) {
      throw describeSendFailure(error);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
