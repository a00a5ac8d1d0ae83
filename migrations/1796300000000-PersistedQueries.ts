import { MigrationInterface, QueryRunner } from 'typeorm';

/** Automatic persisted queries, shared by every process of a deployment. */
export class PersistedQueries1796300000000 implements MigrationInterface {
  name = 'PersistedQueries1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "persisted_query" ("key" text NOT NULL, "query" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "persisted_query_pkey" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "persisted_query_used_at_idx" ON "persisted_query" ("used_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."persisted_query_used_at_idx"`);
    await queryRunner.query(`DROP TABLE "persisted_query"`);
  }
}
