import { ConflictException, ForbiddenException, HttpException, HttpStatus, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { QueryFailedError } from 'typeorm';
import { ArticlesService } from '../articles/articles.service.js';
import type { Site } from '../sites/site.entity.js';
import { type SignedInReader, SignInRequired, SiteSignIn } from '../sites/site-sign-in.js';
import { SitesService } from '../sites/sites.service.js';
import type { SpamCandidate } from '../spam/spam-check.js';
import { SpamService } from '../spam/spam.service.js';
import { revisedStatus, type StartingStatus } from '../spam/verdict.js';
import type { Article } from '../articles/article.entity.js';
import { CommentEvent, CommentEvents, CommentStatusEvents } from './comment-events.js';
import { AUTHOR_HELD } from './comment-lifecycle.js';
import type { Comment } from './comment.entity.js';
import { CommentsRepository } from './comments.repository.js';
import { type NewComment, NewComments, type RecentActivity } from './new-comments.repository.js';
import type { CommentFormDto } from './dto/comment-form.dto.js';
import { normaliseWebsite } from './dto/website.validator.js';
import { EditTokens } from './edit-tokens.js';
import { duplicateKey } from './duplicate-key.js';
import { formFieldErrors } from './form-checks.js';
import { FORM_MESSAGES } from './form-messages.js';
import { fieldErrors } from '../http/field-error.js';
import { asItsAuthorSeesIt, type PostedComment, publicStatus } from './posted-comment.js';
import { toPublicComment } from './public-comment.js';
import type { ClientInfo } from '../http/client-info.decorator.js';
import { type AuthorMail, ReplyEmails } from '../notifications/reply-emails.js';

const MINUTE_MS = 60_000;

/** What the checks read of a comment's author and text, from the form or from the stored comment. */
interface JudgedFields {
  body: string;
  name: string;
  email: string;
  website: string | null;
  formToken: string | undefined;
  honeypot: string | undefined;
}

@Injectable()
export class CommentsService {
  constructor(
    private readonly sites: SitesService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsRepository,
    private readonly newComments: NewComments,
    private readonly editTokens: EditTokens,
    private readonly spam: SpamService,
    private readonly events: EventEmitter2,
    private readonly statusEvents: CommentStatusEvents,
    private readonly replyEmails: ReplyEmails,
    private readonly signIn: SiteSignIn,
  ) {}

  /**
   * Posts a comment or a reply, with the checks in wp_handle_comment_submission()'s order: the
   * comment replied to (403), the article (closed: 403), the form's fields (400, form-checks.ts),
   * then duplicate (409) and flood (429) before the spam checks, and again by the insert itself,
   * under the author's locks. A retry carrying an already used idempotency key gets the first
   * answer before any of them.
   */
  async post(form: CommentFormDto, client: ClientInfo): Promise<PostedComment> {
    const site = await this.sites.getBySlug(form.site);
    const fields = { name: form.name ?? '', email: form.email ?? '', website: form.website ?? '', body: form.body ?? '' };
    if (form.idempotencyKey) {
      const earlier = await this.comments.findByIdempotencyKey(site.id, form.idempotencyKey);
      // A signed-in reader's email comes from the token, checked below; the text must match all the same.
      if (earlier) return this.replay(site, earlier, form, form.signIn ? earlier.authorEmail : (form.email ?? '').toLowerCase());
    }

    // WordPress looks at the parent before the post itself: a reply to a comment readers cannot
    // see is refused whatever else is wrong.
    const parent = form.parentId ? await this.comments.findById(form.parentId) : null;
    if (form.parentId && (!parent || parent.siteId !== site.id || parent.status !== 'approved')) {
      throw new ForbiddenException(FORM_MESSAGES.replyToUnapproved);
    }
    const url = this.articles.canonicalUrlFor(site, form.url);
    // No row until the first comment is stored: a refused post leaves nothing behind.
    const existing = await this.articles.findForPost(site, url);
    // WordPress takes such a reply and files it under the parent's post; Kolom refuses it, saying why.
    if (parent && parent.articleId !== existing?.id) throw new ForbiddenException(FORM_MESSAGES.replyToOtherArticle);
    if (existing && !this.articles.isOpen(existing, site)) throw new ForbiddenException(FORM_MESSAGES.closed);
    const settings = site.effectiveSettings;
    // As WordPress: once the article takes comments, a signed-in reader's own name and email replace the form's.
    const reader = await this.signedIn(site, form);
    if (reader) Object.assign(fields, { name: reader.name, email: reader.email, website: reader.profile ?? '' });
    const email = fields.email.toLowerCase();

    const fieldMessages = formFieldErrors(fields);
    if (fieldMessages) throw fieldErrors(fieldMessages);

    // The cheap refusals first: a repeat never costs the spam checks (the classifier, Akismet).
    const key = duplicateKey(fields.name, fields.body);
    const earlier = await this.newComments.recentActivity(
      // An article not started yet (no row, so no id 0) holds nothing this could repeat; flood still counts.
      {
        siteId: site.id,
        articleId: existing?.id ?? 0,
        replyToId: parent?.id ?? null,
        authorEmail: email,
        authorAccount: reader?.account ?? null,
        ip: client.ip,
        duplicateKey: key,
      },
      settings.floodSeconds,
    );
    if (earlier.duplicate || earlier.flood) return this.refuseRepeat(site, form, email, earlier);

    const article = existing ?? (await this.articles.start(site, url, client.ip));

    const website = fields.website ? normaliseWebsite(fields.website) : null;
    const judged = { body: fields.body, name: fields.name, email, website, formToken: form.formToken, honeypot: form.homepage };
    const candidate = { ...this.candidateOf(site, article, judged, client, false), authorAccount: reader?.account ?? null };
    const mail = await this.replyEmails.forAuthor(site.id, email, form, reader !== null);
    const verdict = await this.spam.judge(candidate, () => this.comments.hasApprovedFrom(site.id, email, { verified: mail.authorVerified }));
    // A reply to a comment at the deepest level goes beside it, under the same parent, and keeps
    // whom it answered: the tree never grows deeper than the site allows.
    const treeParent = parent && parent.depth >= settings.maxDepth ? await this.parentOf(parent) : parent;
    const editToken = this.editTokens.issue(site.id, form.idempotencyKey);
    const draft: NewComment = {
      siteId: site.id,
      articleId: article.id,
      parentId: treeParent?.id ?? null,
      replyToId: parent?.id ?? null,
      parentRootId: treeParent?.rootId ?? null,
      parentSortPath: treeParent?.sortPath ?? null,
      depth: (treeParent?.depth ?? 0) + 1,
      authorName: fields.name,
      authorEmail: email,
      authorWebsite: website,
      body: fields.body,
      duplicateKey: key,
      status: verdict.status,
      spamScore: verdict.score,
      spamReasons: verdict.reasons,
      classifierP: verdict.classifierP,
      ip: client.ip,
      userAgent: client.userAgent,
      idempotencyKey: form.idempotencyKey ?? null,
      editTokenHash: this.editTokens.hash(editToken),
      editedAt: null,
      editedFrom: null,
      notifyReplies: mail.notifyReplies,
      authorVerified: mail.authorVerified,
      authorAccount: reader?.account ?? null,
      authorAvatar: reader?.avatar ?? null,
    };

    let outcome: Awaited<ReturnType<NewComments['insertUnlessRepeated']>>;
    try {
      outcome = await this.newComments.insertUnlessRepeated(draft, settings.floodSeconds);
    } catch (error) {
      // The same submission raced in twice: the other request stored it; answer as it did.
      if (form.idempotencyKey && isUniqueViolation(error, 'comments_idempotency')) {
        const earlier = await this.comments.findByIdempotencyKey(site.id, form.idempotencyKey);
        if (earlier) return this.replay(site, earlier, form, email);
      }
      throw error;
    }
    if ('repeated' in outcome) return this.refuseRepeat(site, form, email, outcome.repeated);
    const comment = outcome.inserted;
    this.statusEvents.emitCommitted([{ comment, from: null, to: comment.status, by: 'author' }]);
    this.events.emit(CommentEvents.posted, new CommentEvent(comment));
    if (comment.status === 'approved') await this.articles.adoptTitle(article, form.title);
    await this.replyEmails.resubscribe(mail);
    return { ...this.answer(site, comment, editToken), ...replyEmailsAnswer(mail) };
  }

  /**
   * The reader the site signed in, when the form came with its token; a site that requires
   * sign-in refuses the form without one (WordPress's comment_registration, 403).
   */
  private async signedIn(site: Site, form: CommentFormDto): Promise<SignedInReader | null> {
    if (form.signIn) return this.signIn.verify(site, form.signIn);
    if (site.effectiveSettings.signInRequired) throw new SignInRequired();
    return null;
  }

  /**
   * A reply from the newsroom, posted by a moderator from the desk: under the site's own name with
   * the Staff badge, published at once, past the spam checks (the desk is signed in), but through
   * the same insert as readers' comments, so the thread's shape, the outbox and reply emails work
   * as for any reply. The moderator's address is kept (privately) as the author's email.
   */
  async postAsStaff(parent: Comment, body: string, moderator: { id: number; email: string }): Promise<PostedComment> {
    const site = await this.sites.getById(parent.siteId);
    const settings = site.effectiveSettings;
    const fieldMessages = formFieldErrors({ name: site.name, email: moderator.email, website: '', body });
    if (fieldMessages) throw fieldErrors(fieldMessages);
    if (parent.status !== 'approved') throw new ConflictException('Approve this comment before replying to it: readers cannot see it.');
    const treeParent = parent.depth >= settings.maxDepth ? await this.parentOf(parent) : parent;
    const editToken = this.editTokens.issue(site.id, undefined);
    const outcome = await this.newComments.insertUnlessRepeated(
      {
        siteId: site.id,
        articleId: parent.articleId,
        parentId: treeParent?.id ?? null,
        replyToId: parent.id,
        parentRootId: treeParent?.rootId ?? null,
        parentSortPath: treeParent?.sortPath ?? null,
        depth: (treeParent?.depth ?? 0) + 1,
        authorName: site.name,
        authorEmail: moderator.email,
        authorWebsite: null,
        body,
        duplicateKey: duplicateKey(site.name, body),
        status: 'approved',
        spamScore: null,
        spamReasons: [],
        classifierP: null,
        ip: null,
        userAgent: null,
        idempotencyKey: null,
        editTokenHash: this.editTokens.hash(editToken),
        editedAt: null,
        editedFrom: null,
        notifyReplies: false,
        authorVerified: true,
        authorAccount: null,
        authorAvatar: null,
        staff: true,
        moderatorId: moderator.id,
      },
      0,
    );
    if ('repeated' in outcome) throw new ConflictException(FORM_MESSAGES.duplicate);
    const comment = outcome.inserted;
    this.statusEvents.emitCommitted([{ comment, from: null, to: 'approved', by: 'moderator' }]);
    return this.answer(site, comment, editToken);
  }

  /** A new comment, or an author's edit, as the spam checks see it, private fields included. */
  private candidateOf(site: Site, article: Article, fields: JudgedFields, client: ClientInfo, edit: boolean): SpamCandidate {
    return {
      siteId: site.id,
      settings: site.effectiveSettings,
      premoderation: this.articles.premoderationOf(article, site),
      articleId: article.id,
      articleUrl: article.url,
      siteUrl: site.allowedOrigins[0] ?? article.url,
      body: fields.body,
      authorName: fields.name,
      authorEmail: fields.email,
      authorWebsite: fields.website,
      ip: client.ip,
      userAgent: client.userAgent,
      formToken: fields.formToken,
      honeypot: fields.honeypot,
      edit,
    };
  }

  /**
   * An author's edit is judged again, like a new comment, by the same verdict (the checks, the
   * article's pre-moderation, the links limit). It can take the comment off the page or into spam
   * (moderators then see the text before and after), never out of a moderator's queue.
   */
  async edit(id: number, editToken: string | undefined, body: string, client: ClientInfo): Promise<PostedComment> {
    const { site, comment } = await this.editable(id, editToken);
    const article = await this.articles.findById(comment.articleId);
    if (!article) throw new NotFoundException('There is no such comment.');
    const fields = { body, name: comment.authorName, email: comment.authorEmail, website: comment.authorWebsite, formToken: undefined, honeypot: undefined };
    const verdict = await this.spam.judge(this.candidateOf(site, article, fields, client, true), () =>
      this.comments.hasApprovedFrom(site.id, comment.authorEmail, { exceptId: comment.id, verified: comment.authorVerified }),
    );
    const wasPublic = comment.status === 'approved';
    const to = revisedStatus(comment.status as StartingStatus, verdict.status);
    const revision = await this.comments.revise(
      comment,
      { body, duplicateKey: duplicateKey(comment.authorName, body), spamScore: verdict.score, spamReasons: verdict.reasons, classifierP: verdict.classifierP },
      to,
    );
    if (!revision) throw new ConflictException('This comment was changed by someone else meanwhile; reload and try again.');
    if (revision.moved) this.statusEvents.emitCommitted([{ ...revision.moved, by: 'kolom', cause: 'edit' }]);
    else if (wasPublic) this.events.emit(CommentEvents.updated, new CommentEvent(comment));
    return this.answer(site, comment, editToken!);
  }

  async delete(id: number, editToken: string | undefined): Promise<void> {
    const { comment } = await this.editable(id, editToken);
    // Kept as evidence and as the classifier's material; its author, told it awaits moderation, is answered as for a held comment.
    if (comment.status === 'spam') return;
    const [moved] = await this.comments.moveStatuses([{ comment, to: 'deleted' }], 'author');
    if (!moved) throw new ConflictException('This comment was changed by someone else meanwhile; reload and try again.');
    this.statusEvents.emitCommitted([{ ...moved, by: 'author' }]);
  }

  /**
   * The author's own comment, with the right token, within the site's edit window. Without the
   * right token every id answers alike, whether it is public, held, spam, gone or never was: a
   * stranger learns nothing of held comments by probing ids. Only the token's holder is told
   * that a comment is gone.
   */
  private async editable(id: number, editToken: string | undefined): Promise<{ site: Site; comment: Comment }> {
    const comment = await this.comments.findById(id);
    if (!comment || !this.editTokens.matches(comment, editToken)) {
      throw new ForbiddenException('Only the author can change this comment: send the edit token from the answer to the post as X-Edit-Token.');
    }
    if (!AUTHOR_HELD.includes(comment.status)) throw new NotFoundException('There is no such comment.');
    const site = await this.sites.getById(comment.siteId);
    if (Date.now() > this.editableUntil(site, comment).getTime()) {
      throw new ForbiddenException('The time to edit this comment has passed.');
    }
    return { site, comment };
  }

  private async parentOf(comment: Comment): Promise<Comment | null> {
    return comment.parentId === null ? null : this.comments.findById(comment.parentId);
  }

  /** Duplicate (409) before flood (429), as WordPress orders them. */
  private async refuseRepeat(site: Site, form: CommentFormDto, email: string, repeated: RecentActivity): Promise<PostedComment> {
    if (form.idempotencyKey) {
      // A twin of this very submission (a double click) may have landed since the first look.
      const twin = await this.comments.findByIdempotencyKey(site.id, form.idempotencyKey);
      if (twin) return this.replay(site, twin, form, email);
    }
    if (repeated.duplicate) throw new ConflictException(FORM_MESSAGES.duplicate);
    throw new HttpException(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: FORM_MESSAGES.flood },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private replay(site: Site, earlier: Comment, form: CommentFormDto, email: string): PostedComment {
    if (earlier.body !== form.body || earlier.authorEmail !== email) {
      throw new UnprocessableEntityException('This idempotencyKey was already used for a different comment: make a new key for each new comment.');
    }
    return this.answer(site, earlier, this.editTokens.forIdempotencyKey(site.id, form.idempotencyKey!));
  }

  private answer(site: Site, comment: Comment, editToken: string): PostedComment {
    const status = publicStatus(comment.status);
    return {
      comment: toPublicComment(asItsAuthorSeesIt(comment)),
      status,
      ...(status === 'pending' ? { message: FORM_MESSAGES.awaitingModeration } : {}),
      editToken,
      editableUntil: this.editableUntil(site, comment).toISOString(),
    };
  }

  private editableUntil(site: Site, comment: Comment): Date {
    return new Date(comment.createdAt.getTime() + site.effectiveSettings.editWindowMinutes * MINUTE_MS);
  }
}

/** A spam verdict is answered like any other: the author is told about the confirmation all the same (none is sent). */
function replyEmailsAnswer(mail: AuthorMail): Pick<PostedComment, 'replyEmails'> {
  return mail.answer ? { replyEmails: mail.answer } : {};
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
