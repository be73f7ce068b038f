import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { ArticlesService } from '../../articles/articles.service.js';
import { createValidationPipe } from '../../http/validation.pipe.js';
import type { ClientInfo } from '../../http/client-info.decorator.js';
import { SitesService } from '../../sites/sites.service.js';
import { CommentsService } from '../../threads/comments.service.js';
import { CommentFormDto } from '../../threads/dto/comment-form.dto.js';

/** A refused post, with what the error page needs: its status, WordPress's words, the way back. */
export class ClassicFormRefusal {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly articleUrl: string | null,
  ) {}
}

/** The order of wp-comments-post.php's form, for the one message its error page shows. */
const FIELD_ORDER = ['body', 'name', 'email', 'website', 'parentId', 'site', 'url'];

const pipe = createValidationPipe();

/**
 * WordPress's comment form, as wp-comments-post.php takes it, posted through the same door as the
 * JSON API: its fields become a CommentFormDto, checked by the same validation pipe, and
 * CommentsService.post applies every rule. Fields this form does not know (a theme's `submit`,
 * `akismet_comment_nonce`, `wp-comment-cookies-consent`…) are ignored, as WordPress ignores them,
 * so a site's existing form works as it is.
 */
@Injectable()
export class ClassicForm {
  constructor(
    private readonly sites: SitesService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsService,
  ) {}

  /** Posts the comment; answers where to send the reader: the article, at the comment. */
  async post(fields: Record<string, unknown>, client: ClientInfo): Promise<string> {
    let articleUrl: string | null = null;
    try {
      const target = await this.articleOf(fields);
      articleUrl = await this.canonical(target.site, target.url);
      const form = (await pipe.transform(this.formOf(fields, target), { type: 'body', metatype: CommentFormDto, data: undefined })) as CommentFormDto;
      const posted = await this.comments.post(form, client);
      // Held ones too: WordPress sends their authors back to the article as well.
      return `${articleUrl ?? form.url}#comment-${posted.comment.id}`;
    } catch (error) {
      if (error instanceof HttpException) throw new ClassicFormRefusal(error.getStatus(), messageOf(error), articleUrl);
      throw error;
    }
  }

  /** The article by `comment_post_ID` (a Kolom article id), or by `site` and the `article` URL. */
  private async articleOf(fields: Record<string, unknown>): Promise<{ site: unknown; url: unknown }> {
    const postId = fields.comment_post_ID;
    if (postId === undefined || postId === '' || postId === '0') return { site: fields.site, url: fields.article };
    const id = typeof postId === 'string' && /^[1-9]\d{0,15}$/.test(postId) ? Number(postId) : null;
    const article = id === null ? null : await this.articles.findById(id);
    const site = article ? await this.sites.getById(article.siteId) : null;
    if (!article || !site || (fields.site !== undefined && fields.site !== site.slug)) throw new NotFoundException('There is no such article.');
    return { site: site.slug, url: article.url };
  }

  /** The article's address on the site, for the redirect and the error page's way back; null when it is not one of the site's. */
  private async canonical(site: unknown, url: unknown): Promise<string | null> {
    if (typeof site !== 'string' || typeof url !== 'string' || site === '') return null;
    try {
      const found = await this.sites.getBySlug(site);
      return this.articles.canonicalUrlFor(found, url);
    } catch {
      // Refused by the post itself, in its words.
      return null;
    }
  }

  private formOf(fields: Record<string, unknown>, target: { site: unknown; url: unknown }): Record<string, unknown> {
    const parent = fields.comment_parent;
    const form: Record<string, unknown> = {
      site: target.site,
      url: target.url,
      body: fields.comment,
      name: fields.author,
      email: fields.email,
      website: fields.url === '' ? undefined : fields.url,
      parentId: parent === undefined || parent === '' || parent === '0' ? undefined : parent,
      homepage: fields.homepage,
      formToken: fields.kolom_form_token,
      // Kolom's own box; unticked boxes are not sent at all.
      notifyReplies: fields.kolom_notify_replies === '1' ? true : undefined,
    };
    return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined));
  }
}

/** The one message the error page shows: the first field in the form's order, else the refusal's own. */
function messageOf(error: HttpException): string {
  const answer = error.getResponse();
  if (typeof answer === 'string') return answer;
  const { fields, message } = answer as { fields?: Record<string, string>; message?: string | string[] };
  if (fields) {
    const first = [...FIELD_ORDER, ...Object.keys(fields)].find((name) => fields[name]);
    if (first) return fields[first];
  }
  return (Array.isArray(message) ? message[0] : message) ?? error.message;
}
