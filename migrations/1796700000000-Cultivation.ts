import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Government keys and the cultivation registry: AUTHORITY keys bound to a region; enterprises'
 * GB/T 4754-2017 industry; designations (创新型中小企业, 专精特新, 小巨人) with their history;
 * characteristic industrial clusters over county-level divisions.
 */
export class Cultivation1796700000000 implements MigrationInterface {
  name = 'Cultivation1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Allowed inside the migration's transaction; the value is only compared as text below.
    await queryRunner.query(`ALTER TYPE "public"."role" ADD VALUE 'AUTHORITY' BEFORE 'ADMIN'`);
    await queryRunner.query(`ALTER TABLE "api_key" ADD "region_code" character(6)`);
    await queryRunner.query(`CREATE INDEX "api_key_region_code_idx" ON "api_key" ("region_code")`);
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_region_check" CHECK ((role::text = 'AUTHORITY') = (region_code IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "enterprise" ADD "industry_code" text`);
    await queryRunner.query(
      `CREATE INDEX "enterprise_industry_code_idx" ON "enterprise" ("industry_code")`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD CONSTRAINT "enterprise_industry_code_check" CHECK (industry_code ~ '^[A-T][0-9]{2,4}$')`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."designation_kind" AS ENUM('INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."designation_status" AS ENUM('ACTIVE', 'UNDER_REVIEW', 'EXPIRED', 'REVOKED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "designation" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "enterprise_id" integer NOT NULL, "kind" "public"."designation_kind" NOT NULL, "granted_by_code" character(6), "batch" text NOT NULL, "valid_from" date NOT NULL, "valid_until" date NOT NULL, "status" "public"."designation_status" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "designation_granted_by_check" CHECK ((kind = 'LITTLE_GIANT') = (granted_by_code IS NULL)), CONSTRAINT "designation_validity_check" CHECK (valid_until > valid_from), CONSTRAINT "designation_pkey" PRIMARY KEY ("id"), CONSTRAINT "designation_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "designation_granted_by_code_fkey" FOREIGN KEY ("granted_by_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "designation_batch_idx" ON "designation" ("batch")`);
    await queryRunner.query(
      `CREATE INDEX "designation_valid_until_idx" ON "designation" ("valid_until")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "designation_live_key" ON "designation" ("enterprise_id", "kind") WHERE status IN ('ACTIVE', 'UNDER_REVIEW')`,
    );
    await queryRunner.query(
      `CREATE TABLE "designation_change" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "designation_id" integer NOT NULL, "status" "public"."designation_status" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "reason" text, CONSTRAINT "designation_change_pkey" PRIMARY KEY ("id"), CONSTRAINT "designation_change_designation_id_fkey" FOREIGN KEY ("designation_id") REFERENCES "designation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "designation_change_designation_id_idx" ON "designation_change" ("designation_id")`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."cluster_level" AS ENUM('NATIONAL', 'PROVINCIAL')`,
    );
    await queryRunner.query(
      `CREATE TABLE "cluster" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "level" "public"."cluster_level" NOT NULL, "industry" text NOT NULL, "industry_codes" text array NOT NULL, "batch" text NOT NULL, "valid_from" date NOT NULL, "valid_until" date NOT NULL, "status" "public"."designation_status" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cluster_code_key" UNIQUE ("code"), CONSTRAINT "cluster_industry_codes_check" CHECK (cardinality(industry_codes) > 0), CONSTRAINT "cluster_validity_check" CHECK (valid_until > valid_from), CONSTRAINT "cluster_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cluster_region" ("cluster_id" integer NOT NULL, "region_code" character(6) NOT NULL, CONSTRAINT "cluster_region_pkey" PRIMARY KEY ("cluster_id", "region_code"), CONSTRAINT "cluster_region_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "cluster_region_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "cluster_region_region_code_idx" ON "cluster_region" ("region_code")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "cluster_region"`);
    await queryRunner.query(`DROP TABLE "cluster"`);
    await queryRunner.query(`DROP TYPE "public"."cluster_level"`);
    await queryRunner.query(`DROP TABLE "designation_change"`);
    await queryRunner.query(`DROP TABLE "designation"`);
    await queryRunner.query(`DROP TYPE "public"."designation_status"`);
    await queryRunner.query(`DROP TYPE "public"."designation_kind"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "industry_code"`);
    await queryRunner.query(`DELETE FROM "api_key" WHERE role::text = 'AUTHORITY'`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "region_code"`);
    // PostgreSQL cannot drop an enum value: the type is rebuilt without it, the checks that
    // compare the column dropped meanwhile.
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "api_key_institution_check"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "api_key_role_check"`);
    await queryRunner.query(
      `CREATE TYPE "public"."role_old" AS ENUM('PUBLIC', 'PARTNER', 'INSTITUTION_STAFF', 'ADMIN')`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ALTER COLUMN "role" TYPE "public"."role_old" USING "role"::"text"::"public"."role_old"`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ALTER COLUMN "actor_role" TYPE "public"."role_old" USING "actor_role"::"text"::"public"."role_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."role"`);
    await queryRunner.query(`ALTER TYPE "public"."role_old" RENAME TO "role"`);
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_institution_check" CHECK ((role = 'INSTITUTION_STAFF') = (institution_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_role_check" CHECK (role <> 'PUBLIC')`,
    );
  }
}
