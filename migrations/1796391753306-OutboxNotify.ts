import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox trigger also wakes every node: `pg_notify` on channel `kolom_article_events` with
 * `<article id>:<event id>`, delivered by PostgreSQL to each listening node when (and only when)
 * the transaction commits. Nodes need nothing else to hear each other's comments.
 */
export class OutboxNotify1796391753306 implements MigrationInterface {
  name = 'OutboxNotify1796391753306';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(eventFunction(true));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(eventFunction(false));
  }
}

/** The trigger function of 1795598374889-ArticleEvents, with or without the notification. */
export function eventFunction(notify: boolean): string {
  return `CREATE OR REPLACE FUNCTION "kolom_comment_article_event"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_kind text;
        event_article bigint;
        event_comment bigint;
        event_id bigint;
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
        INSERT INTO article_events (article_id, comment_id, kind) VALUES (event_article, event_comment, event_kind)
          RETURNING id INTO event_id;${
            notify
              ? `
        PERFORM pg_notify('kolom_article_events', event_article || ':' || event_id);`
              : ''
          }
        RETURN NULL;
      END
    $$`;
}
