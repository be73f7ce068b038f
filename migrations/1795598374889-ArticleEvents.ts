import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ArticleEvents1795598374889 implements MigrationInterface {
  name = 'ArticleEvents1795598374889';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "article_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "article_id" bigint NOT NULL, "comment_id" bigint NOT NULL, "kind" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "article_events_kind_known" CHECK ("kind" IN ('comment.created', 'comment.updated', 'comment.removed')), CONSTRAINT "PK_052fa8301869daf76b4008f5fe0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "article_events_by_article" ON "article_events"  ("article_id", "id") `);
    await queryRunner.query(`ALTER TABLE "article_events" ADD CONSTRAINT "FK_975c38995c6f52bda84e4d17276" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Hand-written (a schema diff does not see triggers): every change to a comment that readers can
    // see writes its event in the same transaction, whichever code made the change. Locking the
    // article row before taking the id makes ids commit in order within an article, so a client's
    // lastSeenId never hides an event that committed later with a smaller id.
    await queryRunner.query(`CREATE FUNCTION "kolom_comment_article_event"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`CREATE TRIGGER "comments_article_events" AFTER INSERT OR UPDATE OR DELETE ON "comments" FOR EACH ROW EXECUTE FUNCTION "kolom_comment_article_event"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "comments_article_events" ON "comments"`);
    await queryRunner.query(`DROP FUNCTION "kolom_comment_article_event"()`);
    await queryRunner.query(`ALTER TABLE "article_events" DROP CONSTRAINT "FK_975c38995c6f52bda84e4d17276"`);
    await queryRunner.query(`DROP INDEX "public"."article_events_by_article"`);
    await queryRunner.query(`DROP TABLE "article_events"`);
  }
}
