import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-parent pages (children, a region's institutions, an institution's services) read their
 * rows through `LATERAL (… ORDER BY id LIMIT n)`: an index on (parent, id) hands them over in
 * order and stops at the page, where one on the parent alone reads and sorts every child.
 */
export class PageIndexes1796000000000 implements MigrationInterface {
  name = 'PageIndexes1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."institution_parent_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_region_code_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_institution_id_idx"`);
    await queryRunner.query(
      `CREATE INDEX "institution_parent_id_idx" ON "institution" ("parent_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "institution_region_code_idx" ON "institution" ("region_code", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "service_institution_id_idx" ON "service" ("institution_id", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."service_institution_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_region_code_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_parent_id_idx"`);
    await queryRunner.query(
      `CREATE INDEX "service_institution_id_idx" ON "service" ("institution_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "institution_region_code_idx" ON "institution" ("region_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "institution_parent_id_idx" ON "institution" ("parent_id") `,
    );
  }
}
