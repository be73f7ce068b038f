import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { MessageAnswer } from '../../http/message-answer.js';
import type { Response } from 'express';
import { Client, type ClientInfo } from '../../http/client-info.decorator.js';
import { fieldError } from '../../http/field-error.js';
import type { Site } from '../../sites/site.entity.js';
import { SitesService } from '../../sites/sites.service.js';
import { PrivacyRequestDto } from './dto/privacy-request.dto.js';
import { PrivacyService, type PrivacyRequestKind } from './privacy.service.js';
import { refusalPage, sendPage, single } from './reader-links.controller.js';
import { ReaderLinks } from './reader-links.service.js';
import { pageWordsFor, readerPage } from './reader-pages.js';

export const PRIVACY_FORM_PATHS = ['privacy', 'privacy/erase'];

/**
 * Readers' own data, by address: a request page (and its JSON twin for the widget or a site's
 * own page), the export download and the erasure, each behind a link emailed to the address.
 */
@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly links: ReaderLinks,
    private readonly sites: SitesService,
  ) {}

  @Post('api/v1/privacy/requests')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Ask for a copy of, or the erasure of, every comment posted with an address',
    description: 'Always 202 for a valid address: the link goes to the address, and only when it has comments on the site.',
  })
  @ApiAcceptedResponse({ type: MessageAnswer, description: 'Accepted; a link is emailed if the address has comments on the site.' })
  @ApiErrors(
    [400, 'The email is not a valid address, or kind is not export or erase: `fields` says which.'],
    [404, 'There is no such site.'],
    413,
    [429, 'Too many requests for this address or from this network; with Retry-After.'],
    503,
  )
  async request(@Body() body: PrivacyRequestDto, @Client() client: ClientInfo): Promise<{ message: string }> {
    const site = await this.sites.getBySlug(body.site);
    const words = pageWordsFor(site.effectiveSettings.locale);
    if (!(await this.privacy.request(site, body.email, body.kind, client))) {
      throw fieldError('email', words.privacy.invalidEmail);
    }
    return { message: words.privacy.sent(site.name) };
  }

  @Get('privacy')
  @ApiExcludeEndpoint()
  async requestPage(@Query('site') slug: unknown, @Res() response: Response): Promise<void> {
    const site = await this.siteOrNotFound(single(slug));
    sendPage(response, 200, this.requestForm(site));
  }

  @Post('privacy')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async requestByForm(@Body() fields: Record<string, unknown> | undefined, @Client() client: ClientInfo, @Res() response: Response): Promise<void> {
    const site = await this.siteOrNotFound(single(fields?.site));
    const words = pageWordsFor(site.effectiveSettings.locale);
    const kind: PrivacyRequestKind = single(fields?.kind) === 'erase' ? 'erase' : 'export';
    const email = single(fields?.email) ?? '';
    if (!(await this.privacy.request(site, email, kind, client))) {
      return sendPage(response, 400, this.requestForm(site, words.privacy.invalidEmail, email));
    }
    sendPage(response, 200, readerPage(words.lang, words.privacy.title(site.name), [{ paragraph: words.privacy.sent(site.name) }]));
  }

  /** Reading changes nothing, so the link downloads at once; it works for a day. */
  @Get('privacy/export')
  @ApiExcludeEndpoint()
  async export(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const holder = await this.links.holder(single(token), ['export']);
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    const copy = await this.privacy.export(holder);
    response
      .status(200)
      .set({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="comments-${holder.site.slug}.json"`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      })
      .send(JSON.stringify(copy, null, 2));
  }

  @Get('privacy/erase')
  @ApiExcludeEndpoint()
  async erasePage(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const holder = await this.links.holder(single(token), ['erase']);
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    const words = pageWordsFor(holder.site.effectiveSettings.locale);
    const count = await this.privacy.countErasable(holder);
    const parts =
      count === 0
        ? [{ paragraph: words.erase.none }]
        : [
            { paragraph: words.erase.ask(holder.site.name, count) },
            { paragraph: words.erase.what },
            { form: { action: '/privacy/erase', button: words.erase.button, fields: { token: single(token)! } } },
          ];
    sendPage(response, 200, readerPage(words.lang, words.erase.title, parts));
  }

  @Post('privacy/erase')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async erase(@Body() fields: Record<string, unknown> | undefined, @Res() response: Response): Promise<void> {
    const holder = await this.links.holder(single(fields?.token), ['erase']);
    if (!holder) return refusalPage(response, pageWordsFor(null), 'invalid');
    const words = pageWordsFor(holder.site.effectiveSettings.locale);
    const erased = await this.privacy.erase(holder);
    if (!erased.ok) return refusalPage(response, words, erased.refusal);
    sendPage(response, 200, readerPage(words.lang, words.erase.title, [{ paragraph: words.erase.done(erased.value) }]));
  }

  private requestForm(site: Site, problem?: string, email?: string): string {
    const words = pageWordsFor(site.effectiveSettings.locale);
    return readerPage(words.lang, words.privacy.title(site.name), [
      { paragraph: words.privacy.intro },
      ...(problem ? [{ paragraph: problem }] : []),
      {
        form: {
          action: '/privacy',
          button: words.privacy.exportButton,
          fields: { site: site.slug },
          email: { label: words.privacy.email, value: email },
          buttons: [
            ['kind', 'export', words.privacy.exportButton],
            ['kind', 'erase', words.privacy.eraseButton],
          ],
        },
      },
    ]);
  }

  private async siteOrNotFound(slug: string | undefined): Promise<Site> {
    if (!slug) throw new NotFoundException('Say which site: /privacy?site=SLUG.');
    return this.sites.getBySlug(slug);
  }
}
