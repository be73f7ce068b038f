import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommentEditedFrom1796403878158 implements MigrationInterface {
  name = 'CommentEditedFrom1796403878158';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" ADD "edited_from" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "edited_from"`);
  }
}
