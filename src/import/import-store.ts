import type { EntityManager } from 'typeorm';

/** Where a comment sits in its thread: what a reply to it needs. */
export interface TreePosition {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  sortPath: string;
}

/** An imported comment's row, its tree position computed by the importer. */
export interface ImportRow extends TreePosition {
  replyToId: number | null;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  duplicateKey: string;
  status: string;
  ip: string | null;
  createdAt: Date;
  importKey: string;
}

/** Nobody holds the token of an imported comment: this is no SHA-256 of anything, so none matches. */
const NO_EDIT_TOKEN = 'imported';

/** The import's SQL, run on the batch's transaction (or, in a dry run, read-only on the data source's manager). */
export class ImportStore {
  constructor(private readonly siteId: number) {}

  /** Comments of earlier runs (or earlier batches) by their import keys. */
  async findImported(manager: EntityManager, keys: string[]): Promise<Map<string, TreePosition>> {
    const found = new Map<string, TreePosition>();
    if (keys.length === 0) return found;
    const rows: Array<Record<string, string>> = await manager.query(
      `SELECT import_key, id, article_id, parent_id, root_id, depth, sort_path FROM comments WHERE site_id = $1 AND import_key = ANY($2::text[])`,
      [this.siteId, keys],
    );
    for (const row of rows) {
      found.set(row.import_key, {
        id: Number(row.id),
        articleId: Number(row.article_id),
        parentId: row.parent_id === null ? null : Number(row.parent_id),
        rootId: Number(row.root_id),
        depth: Number(row.depth),
        sortPath: row.sort_path,
      });
    }
    return found;
  }

  async findArticle(manager: EntityManager, url: string): Promise<number | null> {
    const [row] = await manager.query(`SELECT id FROM articles WHERE site_id = $1 AND url = $2`, [this.siteId, url]);
    return row ? Number(row.id) : null;
  }

  /** Creates the article, or finds it when a reader commented on it meanwhile; answers its id and whether it was new. */
  async createArticle(manager: EntityManager, url: string, title: string | null): Promise<{ id: number; created: boolean }> {
    const [inserted] = await manager.query(
      `INSERT INTO articles (site_id, url, title) VALUES ($1, $2, $3) ON CONFLICT (site_id, url) DO NOTHING RETURNING id`,
      [this.siteId, url, title],
    );
    if (inserted) return { id: Number(inserted.id), created: true };
    return { id: (await this.findArticle(manager, url))!, created: false };
  }

  /** An article found rather than created keeps its title, unless it has none yet. */
  async adoptTitle(manager: EntityManager, articleId: number, title: string | null): Promise<void> {
    if (title) await manager.query(`UPDATE articles SET title = $2 WHERE id = $1 AND title IS NULL`, [articleId, title]);
  }

  /** Ids from the comments' own sequence, taken ahead because a sort path embeds its comment's id. */
  async takeIds(manager: EntityManager, count: number): Promise<number[]> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id FROM generate_series(1, $1)`, [
      count,
    ]);
    return rows.map((row) => Number(row.id));
  }

  /** One statement for the whole batch. */
  async insert(manager: EntityManager, rows: ImportRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof ImportRow>(key: K) => rows.map((row) => row[key]);
    await manager.query(
      `INSERT INTO comments (id, site_id, article_id, parent_id, reply_to_id, root_id, depth, sort_path, author_name, author_email,
                             author_website, body, duplicate_key, status, ip, edit_token_hash, created_at, updated_at, import_key)
       SELECT r.id, $1, r.article_id, r.parent_id, r.reply_to_id, r.root_id, r.depth, r.sort_path, r.author_name, r.author_email,
              r.author_website, r.body, r.duplicate_key, r.status, r.ip::inet, $2, r.created_at, r.created_at, r.import_key
         FROM unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::smallint[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[], $18::text[])
           AS r(id, article_id, parent_id, reply_to_id, root_id, depth, sort_path, author_name, author_email,
                author_website, body, duplicate_key, status, ip, created_at, import_key)
       ORDER BY r.id`,
      [
        this.siteId,
        NO_EDIT_TOKEN,
        column('id'),
        column('articleId'),
        column('parentId'),
        column('replyToId'),
        column('rootId'),
        column('depth'),
        column('sortPath'),
        column('authorName'),
        column('authorEmail'),
        column('authorWebsite'),
        column('body'),
        column('duplicateKey'),
        column('status'),
        column('ip'),
        column('createdAt'),
        column('importKey'),
      ],
    );
  }

  /** The article-events trigger stays silent for the rest of this transaction: imported comments are no live news. */
  async silenceLiveEvents(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT set_config('kolom.importing', 'on', true)`);
  }
}
