import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type PageWords, pageWordsFor, readerPage, type PagePart } from './reader-pages.js';
import { type LinkHolder, type LinkRefusal, ReaderLinks } from './reader-links.service.js';

/** Where the links in reader email lead. POST bodies are forms (see ReaderLinksModule). */
export const CONFIRM_PATH = 'mail/confirm';
export const UNSUBSCRIBE_PATH = 'mail/unsubscribe';

/** A page that carries a capability in its address: never cached, never sent on as a referrer. */
export function sendPage(response: Response, status: number, html: string): void {
  response.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).send(html);
}

export function refusalPage(response: Response, words: PageWords, refusal: LinkRefusal): void {
  sendPage(
    response,
    refusal === 'used' ? 410 : 400,
    readerPage(words.lang, words.confirm.title, [{ paragraph: refusal === 'used' ? words.usedLink : words.invalidLink }]),
  );
}

/** A form field or query parameter, as one string (a repeated key is not one). */
export function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Confirmation and unsubscribe links. Each GET shows a button and changes nothing (mail scanners
 * open links); the POST does it. The unsubscribe POST is also RFC 8058's one-click unsubscribe,
 * which mail clients send to the List-Unsubscribe address with `List-Unsubscribe=One-Click`.
 */
@ApiExcludeController()
@Controller()
export class ReaderLinksController {
  constructor(private readonly links: ReaderLinks) {}

  @Get(CONFIRM_PATH)
  async confirmPage(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const holder = await this.links.holder(single(token), ['confirm']);
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    const words = pageWordsFor(holder.site.effectiveSettings.locale);
    sendPage(
      response,
      200,
      readerPage(words.lang, words.confirm.title, [
        { paragraph: words.confirm.ask(holder.site.name) },
        { form: { action: `/${CONFIRM_PATH}`, button: words.confirm.button, fields: { token: single(token)! } } },
      ]),
    );
  }

  @Post(CONFIRM_PATH)
  @HttpCode(200)
  async confirm(@Body() fields: Record<string, unknown> | undefined, @Res() response: Response): Promise<void> {
    const holder = await this.links.holder(single(fields?.token), ['confirm']);
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    const words = pageWordsFor(holder.site.effectiveSettings.locale);
    const confirmed = await this.links.confirm(holder);
    if (!confirmed.ok) return refusalPage(response, words, confirmed.refusal);
    const parts: PagePart[] = [{ paragraph: words.confirm.done }];
    // The widget on the article's page keeps the token from the fragment, which no server sees.
    if (confirmed.value.articleUrl) parts.push({ link: words.back, href: `${confirmed.value.articleUrl}#kolom-reader=${confirmed.value.readerToken}` });
    sendPage(response, 200, readerPage(words.lang, words.confirm.title, parts));
  }

  @Get(UNSUBSCRIBE_PATH)
  async unsubscribePage(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const holder = await this.unsubscribeHolder(token);
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    const words = pageWordsFor(holder.site.effectiveSettings.locale);
    const ask = holder.token.purpose === 'unsubscribe-site' ? words.unsubscribe.askSite(holder.site.name) : words.unsubscribe.askThread;
    sendPage(
      response,
      200,
      readerPage(words.lang, words.unsubscribe.title, [
        { paragraph: ask },
        { form: { action: `/${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(single(token)!)}`, button: words.unsubscribe.button } },
      ]),
    );
  }

  /** The token comes in the address (RFC 8058's one-click POST, and the page's own form) or in the body. */
  @Post(UNSUBSCRIBE_PATH)
  @HttpCode(200)
  async unsubscribe(@Query('token') queryToken: unknown, @Body() fields: Record<string, unknown> | undefined, @Res() response: Response): Promise<void> {
    const holder = await this.unsubscribeHolder(single(queryToken) ?? single(fields?.token));
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    await this.links.unsubscribe(holder);
    const words = pageWordsFor(holder.site.effectiveSettings.locale);
    const done = holder.token.purpose === 'unsubscribe-site' ? words.unsubscribe.doneSite(holder.site.name) : words.unsubscribe.doneThread;
    sendPage(response, 200, readerPage(words.lang, words.unsubscribe.title, [{ paragraph: done }]));
  }

  private unsubscribeHolder(token: unknown): Promise<LinkHolder | null> {
    return this.links.holder(single(token), ['unsubscribe-thread', 'unsubscribe-site']);
  }
}
