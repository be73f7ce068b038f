import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newsroom's own voice in the thread: comments a moderator posts from the desk as the site's
 * staff (with the moderator who did, for the audit log), a moderator's redaction of a comment's
 * text, and pinned comments and editor's picks. The outbox trigger learns that a redaction, a pin
 * or a pick changes what readers see (`comment.updated`).
 */
export class StaffComments1796422000000 implements MigrationInterface {
  name = 'StaffComments1796422000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" ADD "staff" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "moderator_id" integer`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "moderator_edited_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "pinned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "editors_pick" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE INDEX "comments_pinned" ON "comments" ("article_id", "pinned_at") WHERE "pinned_at" IS NOT NULL`);
    await queryRunner.query(this.outboxTrigger(`(NEW.body, NEW.author_name, NEW.author_website, NEW.edited_at, NEW.moderator_edited_at, NEW.pinned_at, NEW.editors_pick)
                IS DISTINCT FROM (OLD.body, OLD.author_name, OLD.author_website, OLD.edited_at, OLD.moderator_edited_at, OLD.pinned_at, OLD.editors_pick)`));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(this.outboxTrigger(`(NEW.body, NEW.author_name, NEW.author_website, NEW.edited_at)
                IS DISTINCT FROM (OLD.body, OLD.author_name, OLD.author_website, OLD.edited_at)`));
    await queryRunner.query(`DROP INDEX "comments_pinned"`);
    for (const column of ['editors_pick', 'pinned_at', 'moderator_edited_at', 'moderator_id', 'staff']) {
      await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "${column}"`);
    }
  }

  /** The article-events trigger as CommentImport left it, with `changed` deciding what is an update. */
  private outboxTrigger(changed: string): string {
    return `CREATE OR REPLACE FUNCTION "kolom_comment_article_event"() RETURNS trigger LANGUAGE plpgsql AS $$
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
          ELSIF NEW.status = 'approved' AND ${changed} THEN
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
    $$`;
  }
}
