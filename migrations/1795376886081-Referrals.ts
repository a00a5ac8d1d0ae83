import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access and referrals: API keys (stored as SHA-256 hashes), enterprises by credit code,
 * referrals with their idempotency key per client, and the status history. Generated from the
 * entities; reviewed by hand (TypeORM created the shared referral_status type twice).
 */
export class Referrals1795376886081 implements MigrationInterface {
  name = 'Referrals1795376886081';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."role" AS ENUM('PUBLIC', 'PARTNER', 'INSTITUTION_STAFF', 'ADMIN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "public_id" text NOT NULL, "key_hash" bytea NOT NULL, "name" text NOT NULL, "role" "public"."role" NOT NULL, "institution_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_key_public_id_key" UNIQUE ("public_id"), CONSTRAINT "api_key_institution_check" CHECK ((role = 'INSTITUTION_STAFF') = (institution_id IS NOT NULL)), CONSTRAINT "api_key_role_check" CHECK (role <> 'PUBLIC'), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_key_institution_id_idx" ON "api_key"  ("institution_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "credit_code" character(18) NOT NULL, "name" text NOT NULL, "scale" "public"."enterprise_scale" NOT NULL, "specialization" "public"."specialization_level" NOT NULL DEFAULT 'NONE', "region_code" character(6) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enterprise_credit_code_key" UNIQUE ("credit_code"), CONSTRAINT "PK_09687cd306dc5d486c0e227c471" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "enterprise_region_code_idx" ON "enterprise"  ("region_code") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'DECLINED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "referral" ("uuid" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" SERIAL NOT NULL, "enterprise_id" integer NOT NULL, "service_id" integer NOT NULL, "institution_id" integer NOT NULL, "api_key_id" integer NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'SUBMITTED', "note" text, "contact_name" text, "contact_phone" text, "contact_email" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referral_idempotency_key" UNIQUE ("api_key_id", "idempotency_key"), CONSTRAINT "PK_0c66cf200d2c0a8d9b99f6771ab" PRIMARY KEY ("uuid"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "referral_seq_idx" ON "referral"  ("seq") `);
    await queryRunner.query(
      `CREATE INDEX "referral_enterprise_id_idx" ON "referral"  ("enterprise_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_service_id_idx" ON "referral"  ("service_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_institution_id_idx" ON "referral"  ("institution_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_api_key_id_idx" ON "referral"  ("api_key_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_event" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "referral_uuid" uuid NOT NULL, "status" "public"."referral_status" NOT NULL, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, CONSTRAINT "PK_1f356dbe2fffc9e93b0132e1216" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_event_referral_idx" ON "referral_event"  ("referral_uuid", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD CONSTRAINT "enterprise_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_event" ADD CONSTRAINT "referral_event_referral_uuid_fkey" FOREIGN KEY ("referral_uuid") REFERENCES "referral"("uuid") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "referral_event" DROP CONSTRAINT "referral_event_referral_uuid_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_api_key_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "referral" DROP CONSTRAINT "referral_institution_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_service_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_enterprise_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "enterprise" DROP CONSTRAINT "enterprise_region_code_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "api_key_institution_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."referral_event_referral_idx"`);
    await queryRunner.query(`DROP TABLE "referral_event"`);
    await queryRunner.query(`DROP INDEX "public"."referral_api_key_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_institution_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_service_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_enterprise_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_seq_idx"`);
    await queryRunner.query(`DROP TABLE "referral"`);
    await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    await queryRunner.query(`DROP INDEX "public"."enterprise_region_code_idx"`);
    await queryRunner.query(`DROP TABLE "enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_institution_id_idx"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP TYPE "public"."role"`);
  }
}
