import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Client, type ClientInfo } from '../../http/client-info.decorator.js';
import { ClassicForm, ClassicFormRefusal } from './classic-form.js';
import { failurePage } from './failure-page.js';

/** Where a form may post: WordPress's own address, so a site's existing form needs only a new host, and Kolom's. */
export const CLASSIC_FORM_PATHS = ['wp-comments-post.php', 'embed/comment'];

@ApiExcludeController()
@Controller()
export class ClassicFormController {
  constructor(private readonly form: ClassicForm) {}

  /**
   * A plain HTML form post (application/x-www-form-urlencoded): 303 back to the article at
   * #comment-ID, or WordPress's error page with the refusal's status. A cross-site post can do no
   * more than the JSON API, which any page may call: no cookies are read and no edit token is
   * handed out.
   */
  @Post(CLASSIC_FORM_PATHS)
  async post(@Body() fields: Record<string, unknown> | undefined, @Client() client: ClientInfo, @Res() response: Response): Promise<void> {
    try {
      const location = await this.form.post(fields ?? {}, client);
      response.redirect(303, location);
    } catch (error) {
      if (!(error instanceof ClassicFormRefusal)) throw error;
      response
        .status(error.status)
        .set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .send(failurePage(error.message, error.articleUrl));
    }
  }
}
