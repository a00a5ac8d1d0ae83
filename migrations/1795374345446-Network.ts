import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The network: GB/T 2260 regions, the four-tier institution tree, the service taxonomy and
 * services. Generated from the entities, then reviewed by hand: the trigram indexes for name
 * search (pg_trgm) are added here and marked `synchronize: false` on the entities.
 */
export class Network1795374345446 implements MigrationInterface {
  name = 'Network1795374345446';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TYPE "public"."region_level" AS ENUM('PROVINCE', 'PREFECTURE', 'COUNTY')`,
    );
    await queryRunner.query(
      `CREATE TABLE "region" ("code" character(6) NOT NULL, "name" text NOT NULL, "name_en" text NOT NULL, "level" "public"."region_level" NOT NULL, "parent_code" character(6), CONSTRAINT "region_level_parent_check" CHECK ((level = 'PROVINCE') = (parent_code IS NULL)), CONSTRAINT "region_code_check" CHECK (code ~ '^[1-9][0-9]{5}$'), CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "region_parent_code_idx" ON "region"  ("parent_code") `);
    await queryRunner.query(
      `CREATE TYPE "public"."institution_tier" AS ENUM('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."institution_kind" AS ENUM('PUBLIC', 'MARKET')`);
    await queryRunner.query(
      `CREATE TABLE "institution" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "name_en" text, "tier" "public"."institution_tier" NOT NULL, "kind" "public"."institution_kind" NOT NULL, "region_code" character(6), "parent_id" integer, "phone" text, "email" text, "website" text, "address" text, "latitude" double precision, "longitude" double precision, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "institution_code_key" UNIQUE ("code"), CONSTRAINT "institution_location_check" CHECK ((latitude IS NULL) = (longitude IS NULL)), CONSTRAINT "institution_national_public_check" CHECK (tier <> 'NATIONAL' OR kind = 'PUBLIC'), CONSTRAINT "institution_root_check" CHECK ((tier = 'NATIONAL') = (parent_id IS NULL)), CONSTRAINT "institution_national_check" CHECK ((tier = 'NATIONAL') = (region_code IS NULL)), CONSTRAINT "PK_f60ee4ff0719b7df54830b39087" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "institution_region_code_idx" ON "institution"  ("region_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "institution_parent_id_idx" ON "institution"  ("parent_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "institution_public_region_idx" ON "institution"  ("region_code") WHERE kind = 'PUBLIC'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "institution_single_national_idx" ON "institution"  ("tier") WHERE tier = 'NATIONAL'`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_category" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "name_en" text NOT NULL, "parent_id" integer, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "service_category_code_key" UNIQUE ("code"), CONSTRAINT "PK_9d513b39d251063f98f2a7b941d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_category_parent_id_idx" ON "service_category"  ("parent_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."delivery_mode" AS ENUM('ONLINE', 'ONSITE', 'HYBRID')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."fee_type" AS ENUM('FREE', 'SUBSIDIZED', 'PAID')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."enterprise_scale" AS ENUM('MICRO', 'SMALL', 'MEDIUM')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."specialization_level" AS ENUM('NONE', 'SPECIALIZED', 'LITTLE_GIANT')`,
    );
    await queryRunner.query(
      `CREATE TABLE "service" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "name_en" text, "description" text, "institution_id" integer NOT NULL, "category_id" integer NOT NULL, "delivery_mode" "public"."delivery_mode" NOT NULL, "fee" "public"."fee_type" NOT NULL, "eligible_scales" "public"."enterprise_scale" array NOT NULL DEFAULT '{}', "min_specialization" "public"."specialization_level" NOT NULL DEFAULT 'NONE', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "service_code_key" UNIQUE ("code"), CONSTRAINT "PK_85a21558c006647cd76fdce044b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_institution_id_idx" ON "service"  ("institution_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "service_category_id_idx" ON "service"  ("category_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution" ADD CONSTRAINT "institution_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution" ADD CONSTRAINT "institution_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_category" ADD CONSTRAINT "service_category_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "service_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service" ADD CONSTRAINT "service_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service" ADD CONSTRAINT "service_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "service_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Name search: substring and fuzzy matching in Chinese and English (pg_trgm is case-blind).
    await queryRunner.query(
      `CREATE INDEX "institution_name_trgm_idx" ON "institution" USING gin ("name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "institution_name_en_trgm_idx" ON "institution" USING gin ("name_en" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_name_trgm_idx" ON "service" USING gin ("name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_name_en_trgm_idx" ON "service" USING gin ("name_en" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."service_name_en_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_name_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_name_en_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_name_trgm_idx"`);
    await queryRunner.query(`ALTER TABLE "service" DROP CONSTRAINT "service_category_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "service" DROP CONSTRAINT "service_institution_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "service_category" DROP CONSTRAINT "service_category_parent_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution" DROP CONSTRAINT "institution_parent_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution" DROP CONSTRAINT "institution_region_code_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "region_parent_code_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."service_category_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_institution_id_idx"`);
    await queryRunner.query(`DROP TABLE "service"`);
    await queryRunner.query(`DROP TYPE "public"."specialization_level"`);
    await queryRunner.query(`DROP TYPE "public"."enterprise_scale"`);
    await queryRunner.query(`DROP TYPE "public"."fee_type"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_mode"`);
    await queryRunner.query(`DROP INDEX "public"."service_category_parent_id_idx"`);
    await queryRunner.query(`DROP TABLE "service_category"`);
    await queryRunner.query(`DROP INDEX "public"."institution_single_national_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_public_region_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_parent_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."institution_region_code_idx"`);
    await queryRunner.query(`DROP TABLE "institution"`);
    await queryRunner.query(`DROP TYPE "public"."institution_kind"`);
    await queryRunner.query(`DROP TYPE "public"."institution_tier"`);
    await queryRunner.query(`DROP INDEX "public"."region_parent_code_idx"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TYPE "public"."region_level"`);
    // pg_trgm stays: other database objects may use it, and it holds no data.
  }
}
