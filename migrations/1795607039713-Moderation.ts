import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Moderation1795607039713 implements MigrationInterface {
  name = 'Moderation1795607039713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "flags" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "site_id" integer NOT NULL, "comment_id" bigint NOT NULL, "reason" text NOT NULL, "text" text, "fingerprint" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "flags_reason_known" CHECK ("reason" IN ('spam', 'abuse', 'off-topic', 'other')), CONSTRAINT "PK_ea7e333c92a55de9e9b8d0b9afd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "flags_open" ON "flags"  ("site_id", "comment_id") WHERE "resolved_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "flags_one_per_reader" ON "flags"  ("comment_id", "fingerprint") `);
    await queryRunner.query(`CREATE TABLE "moderation_actions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "site_id" integer, "moderator_id" integer, "moderator_email" text, "action" text NOT NULL, "comment_id" bigint, "article_id" bigint, "from_status" text, "to_status" text, "note" text, "detail" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d259906fb4d2a5ef718f1f66e35" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "moderation_actions_by_comment" ON "moderation_actions"  ("comment_id", "id") WHERE "comment_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "moderation_actions_by_moderator" ON "moderation_actions"  ("moderator_id", "id") `);
    await queryRunner.query(`CREATE INDEX "moderation_actions_by_site" ON "moderation_actions"  ("site_id", "id") `);
    await queryRunner.query(`CREATE TABLE "moderators" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "password_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_41963736910afe3212bbd423905" UNIQUE ("email"), CONSTRAINT "moderators_role_known" CHECK ("role" IN ('admin', 'moderator')), CONSTRAINT "PK_47ccf5f69cac1aea842801e62a2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "moderator_sites" ("moderator_id" integer NOT NULL, "site_id" integer NOT NULL, CONSTRAINT "PK_09571fdfb271d9ce03c78497a59" PRIMARY KEY ("moderator_id", "site_id"))`);
    await queryRunner.query(`CREATE INDEX "moderator_sites_by_site" ON "moderator_sites"  ("site_id") `);
    await queryRunner.query(`CREATE TABLE "moderator_sessions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "moderator_id" integer NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_1afe02e4af16bab981ff11a0c25" UNIQUE ("token_hash"), CONSTRAINT "PK_598ed41e536701171e71d765906" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "moderator_sessions_by_moderator" ON "moderator_sessions"  ("moderator_id") `);
    await queryRunner.query(`ALTER TABLE "articles" ADD "premoderation" text`);
    await queryRunner.query(`CREATE INDEX "comments_queue" ON "comments"  ("site_id", "status", "id") `);
    await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "articles_premoderation_known" CHECK ("premoderation" IN ('off', 'links', 'first-time', 'all'))`);
    await queryRunner.query(`ALTER TABLE "flags" ADD CONSTRAINT "FK_bb192feedb10393d7500f087af6" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "moderator_sites" ADD CONSTRAINT "FK_0b518c460b08b0f0f8f155ddc92" FOREIGN KEY ("moderator_id") REFERENCES "moderators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "moderator_sites" ADD CONSTRAINT "FK_56f107e91279e5cddaa7ffc4914" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "moderator_sessions" ADD CONSTRAINT "FK_3a91a58864dc868797b56606385" FOREIGN KEY ("moderator_id") REFERENCES "moderators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Hand-written (a schema diff does not see triggers): the audit log is append-only, whatever
    // code or person holds a connection.
    await queryRunner.query(`CREATE FUNCTION "kolom_audit_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the moderation audit log is append-only';
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER "moderation_actions_append_only" BEFORE UPDATE OR DELETE ON "moderation_actions" FOR EACH ROW EXECUTE FUNCTION "kolom_audit_is_append_only"()`);
    // rate-limiter-flexible's table (its own layout), shared by every node: sign-in attempts and
    // reader flags are counted across the cluster. Keys are keyed hashes, never raw addresses.
    await queryRunner.query(`CREATE TABLE "rate_limits" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`DROP TRIGGER "moderation_actions_append_only" ON "moderation_actions"`);
    await queryRunner.query(`DROP FUNCTION "kolom_audit_is_append_only"()`);
    await queryRunner.query(`ALTER TABLE "moderator_sessions" DROP CONSTRAINT "FK_3a91a58864dc868797b56606385"`);
    await queryRunner.query(`ALTER TABLE "moderator_sites" DROP CONSTRAINT "FK_56f107e91279e5cddaa7ffc4914"`);
    await queryRunner.query(`ALTER TABLE "moderator_sites" DROP CONSTRAINT "FK_0b518c460b08b0f0f8f155ddc92"`);
    await queryRunner.query(`ALTER TABLE "flags" DROP CONSTRAINT "FK_bb192feedb10393d7500f087af6"`);
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "articles_premoderation_known"`);
    await queryRunner.query(`DROP INDEX "public"."comments_queue"`);
    await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "premoderation"`);
    await queryRunner.query(`DROP INDEX "public"."moderator_sessions_by_moderator"`);
    await queryRunner.query(`DROP TABLE "moderator_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."moderator_sites_by_site"`);
    await queryRunner.query(`DROP TABLE "moderator_sites"`);
    await queryRunner.query(`DROP TABLE "moderators"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_by_site"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_by_moderator"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_by_comment"`);
    await queryRunner.query(`DROP TABLE "moderation_actions"`);
    await queryRunner.query(`DROP INDEX "public"."flags_one_per_reader"`);
    await queryRunner.query(`DROP INDEX "public"."flags_open"`);
    await queryRunner.query(`DROP TABLE "flags"`);
  }
}
