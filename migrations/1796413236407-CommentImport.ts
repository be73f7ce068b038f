import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imported comments remember where they came from (`wordpress:123`, `disqus:456`), once per site, so
 * an import run again skips what it already brought and finds a reply's parent from an earlier run.
 * The article-events trigger learns to stay silent for a transaction that says it is importing.
 */
export class CommentImport1796413236407 implements MigrationInterface {
  name = 'CommentImport1796413236407';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" ADD "import_key" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "comments_import_key" ON "comments" ("site_id", "import_key") WHERE "import_key" IS NOT NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "kolom_comment_article_event"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_kind text;
        event_article bigint;
        event_comment bigint;
      BEGIN
        -- An import of historical comments (src/import) sets this for its transaction: those
        -- comments are news to nobody, and a reader's widget must not replay years of them.
        IF current_setting('kolom.importing', true) = 'on' THEN RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN
          IF NEW.status = 'approved' THEN event_kind := 'comment.created'; END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF NEW.status = 'approved' AND OLD.status <> 'approved' THEN
            event_kind := 'comment.created';
          ELSIF OLD.status = 'approved' AND NEW.status <> 'approved' THEN
            event_kind := 'comment.removed';
          ELSIF NEW.status = 'approved' AND (NEW.body, NEW.author_name, NEW.author_website, NEW.edited_at)
                IS DISTINCT FROM (OLD.body, OLD.author_name, OLD.author_website, OLD.edited_at) THEN
            event_kind := 'comment.updated';
          END IF;
        ELSIF OLD.status = 'approved' THEN
          event_kind := 'comment.removed';
        END IF;
        IF event_kind IS NULL THEN RETURN NULL; END IF;

        IF TG_OP = 'DELETE' THEN
          event_article := OLD.article_id; event_comment := OLD.id;
        ELSE
          event_article := NEW.article_id; event_comment := NEW.id;
        END IF;
        PERFORM 1 FROM articles WHERE id = event_article FOR NO KEY UPDATE;
        -- The article itself is being deleted: its events go with it.
        IF NOT FOUND THEN RETURN NULL; END IF;
        INSERT INTO article_events (article_id, comment_id, kind) VALUES (event_article, event_comment, event_kind);
        RETURN NULL;
      END
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "kolom_comment_article_event"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_kind text;
        event_article bigint;
        event_comment bigint;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status = 'approved' THEN event_kind := 'comment.created'; END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF NEW.status = 'approved' AND OLD.status <> 'approved' THEN
            event_kind := 'comment.created';
          ELSIF OLD.status = 'approved' AND NEW.status <> 'approved' THEN
            event_kind := 'comment.removed';
          ELSIF NEW.status = 'approved' AND (NEW.body, NEW.author_name, NEW.author_website, NEW.edited_at)
                IS DISTINCT FROM (OLD.body, OLD.author_name, OLD.author_website, OLD.edited_at) THEN
            event_kind := 'comment.updated';
          END IF;
        ELSIF OLD.status = 'approved' THEN
          event_kind := 'comment.removed';
        END IF;
        IF event_kind IS NULL THEN RETURN NULL; END IF;

        IF TG_OP = 'DELETE' THEN
          event_article := OLD.article_id; event_comment := OLD.id;
        ELSE
          event_article := NEW.article_id; event_comment := NEW.id;
        END IF;
        PERFORM 1 FROM articles WHERE id = event_article FOR NO KEY UPDATE;
        -- The article itself is being deleted: its events go with it.
        IF NOT FOUND THEN RETURN NULL; END IF;
        INSERT INTO article_events (article_id, comment_id, kind) VALUES (event_article, event_comment, event_kind);
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`DROP INDEX "public"."comments_import_key"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "import_key"`);
  }
}
