import { isIP } from 'node:net';
import { LRUCache } from 'lru-cache';
import type { DataSource, EntityManager } from 'typeorm';
import { ArticleUrlError, canonicalArticleUrl } from '../articles/article-url.js';
import type { Site } from '../sites/site.entity.js';
import type { SpamLearning } from '../spam/classifier/spam-learning.js';
import { duplicateKey } from '../threads/duplicate-key.js';
import { FORM_LIMITS } from '../threads/form-messages.js';
import { sortPathFor } from '../threads/sort-path.js';
import { commentText } from './comment-html.js';
import type { ImportedArticle, ImportedComment, ImportRecord } from './import-records.js';
import { type ImportRow, ImportStore, type TreePosition } from './import-store.js';
import type { ImportSummary } from './import-summary.js';

export interface ImporterOptions {
  /** 'wordpress' or 'disqus': the prefix of the source ids kept in comments.import_key. */
  source: string;
  dryRun: boolean;
  withPings: boolean;
  /** Null: the classifier learns nothing from this import. */
  learning: SpamLearning | null;
  batchSize: number;
  /** Called after each batch is committed, with the number of comments imported so far. */
  onBatch?: (imported: number) => void;
  now?: Date;
}

/** Recent tree positions kept in memory: replies mostly follow their parents closely. */
const KNOWN_POSITIONS = 20_000;

/** A batch could not be written: it was rolled back, earlier batches stay, and a re-run resumes. */
export class ImportBatchError extends Error {}

type ArticlePlan = { url: string; title: string | null; line: number } | { skipped: string };

/**
 * Writes an export's records into a site, batch by batch, each batch one transaction with the
 * live-events trigger silenced. Comments keep their original status (no spam checks: they were
 * judged when they were posted) and remember their source id, so a second run skips what the first
 * wrote and finds the parents it wrote. A reply is placed as Kolom places replies: under its parent,
 * or beside it when the parent is at the site's max depth. A reply that arrives before its parent
 * waits for it; one whose parent never comes is imported at the top (as WordPress shows a reply
 * whose parent was deleted) and reported.
 */
export class Importer {
  private readonly store: ImportStore;
  private readonly maxDepth: number;
  private readonly now: Date;
  private readonly articles = new Map<string, ArticlePlan>();
  private readonly articleIds = new Map<string, number>();
  /**
   * Tree positions of the comments this run wrote or found lately, by import key. Bounded, so a
   * file of millions of comments keeps memory flat: a parent that fell out is found again in the
   * database by its import key (batches read their parents' keys there first).
   */
  private readonly known: LRUCache<string, TreePosition>;
  /** Replies whose parent has not been seen yet, by the parent's import key. */
  private readonly waiting = new Map<string, ImportedComment[]>();
  private batch: ImportedComment[] = [];
  private importedSoFar = 0;
  private fakeIds = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly site: Site,
    private readonly summary: ImportSummary,
    private readonly options: ImporterOptions,
  ) {
    this.store = new ImportStore(site.id);
    this.maxDepth = site.effectiveSettings.maxDepth;
    this.now = options.now ?? new Date();
    this.known = new LRUCache({ max: Math.max(KNOWN_POSITIONS, 4 * options.batchSize) });
  }

  async add(record: ImportRecord): Promise<void> {
    if (record.kind === 'problem') this.summary.skip(record.reason, where(record.line, record.sourceId));
    else if (record.kind === 'article') this.articles.set(record.sourceId, this.planArticle(record));
    else if (this.accept(record)) {
      this.batch.push(record);
      if (this.batch.length >= this.options.batchSize) await this.flush();
    }
  }

  /** Writes what is left, then the replies whose parents never came, at the top of their threads. */
  async finish(): Promise<void> {
    await this.flush();
    while (this.waiting.size > 0) {
      const waitingKeys = new Set([...this.waiting.values()].flat().map((c) => this.keyOf(c.sourceId)));
      // Only replies whose parent is not itself waiting go to the top; their own replies follow them.
      let orphans = [...this.waiting].filter(([parentKey]) => !waitingKeys.has(parentKey));
      // A cycle of parents (a broken file): nobody's parent will come.
      if (orphans.length === 0) orphans = [...this.waiting];
      for (const [parentKey, replies] of orphans) {
        this.waiting.delete(parentKey);
        for (const reply of replies) this.orphan(reply, 'parent not in the file (imported as a top-level comment)');
      }
      await this.flush();
    }
  }

  private planArticle(article: ImportedArticle): ArticlePlan {
    const at = where(article.line, article.sourceId);
    const skip = (reason: string): ArticlePlan => {
      this.summary.skip(reason, at);
      return { skipped: reason };
    };
    if (!article.url) return skip('item without a URL');
    let url: string;
    try {
      url = canonicalArticleUrl(article.url, this.site.effectiveSettings.articleParameters);
    } catch (error) {
      if (error instanceof ArticleUrlError) return skip(`URL not usable (${error.message})`);
      throw error;
    }
    if (!this.site.allowedOrigins.includes(new URL(url).origin)) return skip(`URL not on the site's origins (${this.site.allowedOrigins.join(', ')})`);
    return { url, title: detached(article.title), line: article.line };
  }

  /** The checks that need no database: what is left goes into a batch. */
  private accept(comment: ImportedComment): boolean {
    const at = where(comment.line, comment.sourceId);
    const article = this.articles.get(comment.articleSourceId);
    const reason =
      (comment.type === 'pingback' || comment.type === 'trackback') && !this.options.withPings
        ? `${comment.type} (import them with --with-pings)`
        : !article
          ? `unknown article "${comment.articleSourceId}"`
          : 'skipped' in article
            ? `its article was skipped (${article.skipped})`
            : !comment.date
              ? 'no readable date'
              : comment.date > this.now
                ? 'date in the future'
                : commentText(comment.html) === ''
                  ? 'no text'
                  : null;
    if (reason) this.summary.skip(reason, at);
    return reason === null;
  }

  private orphan(reply: ImportedComment, reason: string): void {
    this.summary.adjust(reason, where(reply.line, reply.sourceId));
    this.batch.push({ ...reply, parentSourceId: null });
  }

  private keyOf(sourceId: string): string {
    return detached(`${this.options.source}:${sourceId}`)!;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const lines = `lines ${batch[0].line}–${batch.at(-1)!.line}`;
    const learned: Array<{ id: number; body: string; authorWebsite: string | null; status: string }> = [];
    const write = async (manager: EntityManager) => {
      if (!this.options.dryRun) await this.store.silenceLiveEvents(manager);
      const rows = await this.place(manager, batch, learned);
      if (!this.options.dryRun) await this.store.insert(manager, rows);
    };
    try {
      if (this.options.dryRun) await write(this.dataSource.manager);
      else await this.dataSource.transaction(write);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ImportBatchError(`The batch of comments at ${lines} could not be written (${message}); it was rolled back. Run the import again to resume.`, {
        cause: error,
      });
    }
    this.importedSoFar += batch.length;
    this.options.onBatch?.(this.importedSoFar);
    const learning = this.options.learning;
    if (learning && !this.options.dryRun) {
      await Promise.all(learned.map((c) => learning.learnFrom({ id: c.id, siteId: this.site.id, body: c.body, authorWebsite: c.authorWebsite }, c.status)));
    }
  }

  /** Tree positions for the batch, parents first; replies whose parent is not there yet wait. */
  private async place(manager: EntityManager, batch: ImportedComment[], learned: Array<{ id: number } & Pick<ImportRow, 'body' | 'authorWebsite' | 'status'>>) {
    const wanted = batch.flatMap((c) => [this.keyOf(c.sourceId), ...(c.parentSourceId ? [this.keyOf(c.parentSourceId)] : [])]);
    for (const [key, position] of await this.store.findImported(
      manager,
      [...new Set(wanted)].filter((k) => !this.known.has(k)),
    ))
      this.known.set(key, position);
    const ids = this.options.dryRun ? [] : await this.store.takeIds(manager, batch.length);
    const rows: ImportRow[] = [];
    // The batch grows while it is read: a reply released by its parent is placed right after it.
    for (let i = 0; i < batch.length; i++) {
      const comment = batch[i];
      const key = this.keyOf(comment.sourceId);
      const body = commentText(comment.html);
      const authorWebsite = website(comment.authorUrl);
      if (this.known.has(key)) {
        // Resolved all the same, so a re-run's summary still names the articles the file is about.
        await this.articleIdFor(manager, comment.articleSourceId);
        this.summary.alreadyImported += 1;
        learned.push({ id: this.known.get(key)!.id, body, authorWebsite, status: comment.status });
        this.release(key, batch);
        continue;
      }
      const articleId = await this.articleIdFor(manager, comment.articleSourceId);
      let parent: TreePosition | null = null;
      if (comment.parentSourceId) {
        const parentKey = this.keyOf(comment.parentSourceId);
        parent = this.known.get(parentKey) ?? null;
        if (!parent) {
          this.waiting.set(parentKey, [...(this.waiting.get(parentKey) ?? []), comment]);
          continue;
        }
        if (parent.articleId !== articleId) {
          this.summary.adjust('parent on another article (imported as a top-level comment)', where(comment.line, comment.sourceId));
          parent = null;
        }
      }
      const id = ids.shift() ?? (this.options.dryRun ? --this.fakeIds : (await this.store.takeIds(manager, 1))[0]);
      const position = placeUnder(parent, id, articleId, this.maxDepth);
      this.known.set(key, position);
      const authorName = comment.authorName.slice(0, FORM_LIMITS.name) || 'Anonymous';
      rows.push({
        ...position,
        replyToId: parent?.id ?? null,
        authorName,
        authorEmail: comment.authorEmail.length <= FORM_LIMITS.email ? comment.authorEmail.toLowerCase() : '',
        authorWebsite,
        body,
        duplicateKey: duplicateKey(authorName, body),
        status: comment.status,
        ip: comment.ip && isIP(comment.ip) ? comment.ip : null,
        createdAt: comment.date!,
        importKey: key,
      });
      this.summary.countImported(comment.status);
      learned.push({ id, body, authorWebsite, status: comment.status });
      this.release(key, batch);
    }
    return rows;
  }

  private release(parentKey: string, batch: ImportedComment[]): void {
    const replies = this.waiting.get(parentKey);
    if (!replies) return;
    this.waiting.delete(parentKey);
    batch.push(...replies);
  }

  private async articleIdFor(manager: EntityManager, sourceId: string): Promise<number> {
    const plan = this.articles.get(sourceId) as Exclude<ArticlePlan, { skipped: string }>;
    const known = this.articleIds.get(plan.url);
    if (known !== undefined) return known;
    let id = await this.store.findArticle(manager, plan.url);
    if (id !== null) {
      this.summary.articlesFound += 1;
      if (!this.options.dryRun) await this.store.adoptTitle(manager, id, plan.title);
    } else if (this.options.dryRun) {
      this.summary.articlesCreated += 1;
      id = --this.fakeIds;
    } else {
      const article = await this.store.createArticle(manager, plan.url, plan.title);
      id = article.id;
      if (article.created) this.summary.articlesCreated += 1;
      else this.summary.articlesFound += 1;
    }
    this.articleIds.set(plan.url, id);
    return id;
  }
}

/** As CommentsService places a reply: under its parent, or beside it when the parent is at the max depth. */
export function placeUnder(parent: TreePosition | null, id: number, articleId: number, maxDepth: number): TreePosition {
  if (!parent) return { id, articleId, parentId: null, rootId: id, depth: 1, sortPath: sortPathFor(null, id) };
  if (parent.depth < maxDepth)
    return { id, articleId, parentId: parent.id, rootId: parent.rootId, depth: parent.depth + 1, sortPath: sortPathFor(parent.sortPath, id) };
  const grandparentPath = parent.sortPath.split('.').slice(0, -1).join('.') || null;
  return {
    id,
    articleId,
    parentId: parent.parentId,
    rootId: parent.parentId === null ? id : parent.rootId,
    depth: parent.depth,
    sortPath: sortPathFor(grandparentPath, id),
  };
}

/** An author's address as the comment form would keep it, or nothing when it is no http(s) URL. */
function website(value: string | null): string | null {
  if (!value || value.length > FORM_LIMITS.website) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? withScheme : null;
  } catch {
    return null;
  }
}

/**
 * A copy of a string that shares no memory with the file chunk it was cut from. V8 makes a longer
 * substring a view into its parent, so one title kept for the run would keep its whole 256 KB chunk
 * alive, and a title every hundred comments added up to the file itself.
 */
function detached(text: string | null): string | null {
  return text === null ? null : (' ' + text).slice(1);
}

function where(line: number, sourceId?: string): string {
  return sourceId ? `line ${line} (id ${sourceId})` : `line ${line}`;
}
