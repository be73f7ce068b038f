import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The classifier's calibrated spam probability as it judged the comment (null: it was silent, or
 * could not run), kept so a site's hold threshold can be learned from what its moderators decided
 * about comments the classifier scored (src/spam/thresholds). No index of its own: the evidence is
 * read along comments_queue (site, status, id).
 */
export class ClassifierProbability1796470000000 implements MigrationInterface {
  name = 'ClassifierProbability1796470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" ADD "classifier_p" real`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "classifier_p"`);
  }
}
