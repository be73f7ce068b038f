import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email (src/notifications): readers' addresses and what they proved, the comments that asked for
 * reply emails, moderators' choice of held-comment mail, and the two-stage mail outbox. A trigger
 * on comments writes `mail_events` in the transaction that publishes or holds a comment, whatever
 * path it took (a post, a moderator's approval, readers' flags), so no email is ever missed or
 * invented by a rollback; the mail worker turns events into messages and sends them.
 */
export class Mail1796420000000 implements MigrationInterface {
  name = 'Mail1796420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" ADD "notify_replies" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "author_verified" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "moderators" ADD "held_mail" text NOT NULL DEFAULT 'each'`);
    await queryRunner.query(`ALTER TABLE "moderators" ADD "held_mail_minutes" integer NOT NULL DEFAULT 60`);
    await queryRunner.query(`ALTER TABLE "moderators" ADD CONSTRAINT "moderators_held_mail_known" CHECK ("held_mail" IN ('each', 'digest', 'none'))`);

    await queryRunner.query(`CREATE TABLE "reader_addresses" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "site_id" integer NOT NULL,
      "email" text NOT NULL,
      "verified_at" TIMESTAMP WITH TIME ZONE,
      "confirmation_sent_at" TIMESTAMP WITH TIME ZONE,
      "unsubscribed_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_reader_addresses" PRIMARY KEY ("id"),
      CONSTRAINT "FK_reader_addresses_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reader_addresses_by_email" ON "reader_addresses" ("site_id", "email")`);

    await queryRunner.query(`CREATE TABLE "mail_events" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "kind" text NOT NULL,
      "comment_id" bigint NOT NULL,
      "processed_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_mail_events" PRIMARY KEY ("id"),
      CONSTRAINT "mail_events_kind_known" CHECK ("kind" IN ('reply', 'held', 'confirm'))
    )`);
    // Once per comment and kind: a reply approved, taken down and approved again notifies once.
    await queryRunner.query(`CREATE UNIQUE INDEX "mail_events_once" ON "mail_events" ("kind", "comment_id")`);
    await queryRunner.query(`CREATE INDEX "mail_events_to_process" ON "mail_events" ("id") WHERE "processed_at" IS NULL`);

    await queryRunner.query(`CREATE TABLE "mail_messages" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "site_id" integer NOT NULL,
      "kind" text NOT NULL,
      "recipient" text NOT NULL,
      "address_id" bigint,
      "moderator_id" integer,
      "article_id" bigint,
      "comment_ids" bigint[] NOT NULL DEFAULT '{}',
      "status" text NOT NULL,
      "send_after" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "attempts" integer NOT NULL DEFAULT 0,
      "claimed_until" TIMESTAMP WITH TIME ZONE,
      "last_error" text,
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_mail_messages" PRIMARY KEY ("id"),
      CONSTRAINT "mail_messages_kind_known" CHECK ("kind" IN ('confirmation', 'replies', 'held', 'privacy-export', 'privacy-erase')),
      CONSTRAINT "mail_messages_status_known" CHECK ("status" IN ('waiting', 'queued', 'sending', 'sent', 'cancelled', 'failed')),
      CONSTRAINT "FK_mail_messages_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_mail_messages_address" FOREIGN KEY ("address_id") REFERENCES "reader_addresses"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_mail_messages_moderator" FOREIGN KEY ("moderator_id") REFERENCES "moderators"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(`CREATE INDEX "mail_messages_due" ON "mail_messages" ("send_after") WHERE "status" IN ('queued', 'sending')`);
    await queryRunner.query(`CREATE INDEX "mail_messages_by_recipient" ON "mail_messages" ("site_id", "recipient", "kind", "created_at")`);

    await queryRunner.query(`CREATE TABLE "mail_token_uses" (
      "nonce" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_mail_token_uses" PRIMARY KEY ("nonce")
    )`);

    // Hand-written (a schema diff does not see triggers).
    await queryRunner.query(`CREATE FUNCTION "kolom_comment_mail_event"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Imported history (src/import) is news to nobody: no reader or moderator is mailed about it.
        IF current_setting('kolom.importing', true) = 'on' THEN RETURN NULL; END IF;
        IF NEW.status = 'approved' AND NEW.reply_to_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.status <> 'approved') THEN
          INSERT INTO mail_events (kind, comment_id) VALUES ('reply', NEW.id) ON CONFLICT DO NOTHING;
        END IF;
        IF NEW.status = 'pending' AND (TG_OP = 'INSERT' OR OLD.status <> 'pending') THEN
          INSERT INTO mail_events (kind, comment_id) VALUES ('held', NEW.id) ON CONFLICT DO NOTHING;
        END IF;
        -- A spam verdict sends no confirmation: a script cannot mail strangers through Kolom.
        IF TG_OP = 'INSERT' AND NEW.notify_replies AND NOT NEW.author_verified AND NEW.status IN ('approved', 'pending') THEN
          INSERT INTO mail_events (kind, comment_id) VALUES ('confirm', NEW.id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER "comments_mail_events" AFTER INSERT OR UPDATE OF "status" ON "comments" FOR EACH ROW EXECUTE FUNCTION "kolom_comment_mail_event"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "comments_mail_events" ON "comments"`);
    await queryRunner.query(`DROP FUNCTION "kolom_comment_mail_event"()`);
    await queryRunner.query(`DROP TABLE "mail_token_uses"`);
    await queryRunner.query(`DROP TABLE "mail_messages"`);
    await queryRunner.query(`DROP TABLE "mail_events"`);
    await queryRunner.query(`DROP TABLE "reader_addresses"`);
    await queryRunner.query(`ALTER TABLE "moderators" DROP CONSTRAINT "moderators_held_mail_known"`);
    await queryRunner.query(`ALTER TABLE "moderators" DROP COLUMN "held_mail_minutes"`);
    await queryRunner.query(`ALTER TABLE "moderators" DROP COLUMN "held_mail"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "author_verified"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "notify_replies"`);
  }
}
