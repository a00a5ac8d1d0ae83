import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's writes: DESIGNATION_CHANGED webhooks; when the registry took an enterprise
 * over (from then on its name, region, scale and industry are the registry's, not a partner's);
 * an enterprise's designations read by enterprise.
 */
export class Registry1796710000000 implements MigrationInterface {
  name = 'Registry1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."webhook_event_type" ADD VALUE 'DESIGNATION_CHANGED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD "registry_listed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "designation_enterprise_id_idx" ON "designation" ("enterprise_id", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."designation_enterprise_id_idx"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "registry_listed_at"`);
    // PostgreSQL cannot drop an enum value: the type is rebuilt without it.
    const onlyDesignations = `SELECT id FROM "webhook_subscription" WHERE events::text[] <@ ARRAY['DESIGNATION_CHANGED']`;
    await queryRunner.query(
      `DELETE FROM "webhook_delivery" WHERE event_type::text = 'DESIGNATION_CHANGED' OR subscription_id IN (${onlyDesignations})`,
    );
    await queryRunner.query(`DELETE FROM "webhook_subscription" WHERE id IN (${onlyDesignations})`);
    await queryRunner.query(
      `UPDATE "webhook_subscription" SET events = array_remove(events::text[], 'DESIGNATION_CHANGED')::webhook_event_type[]`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."webhook_event_type_old" AS ENUM('REFERRAL_CREATED', 'REFERRAL_STATUS_CHANGED', 'EVENT_REGISTRATION_CHANGED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscription" ALTER COLUMN "events" TYPE "public"."webhook_event_type_old"[] USING "events"::text[]::"public"."webhook_event_type_old"[]`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ALTER COLUMN "event_type" TYPE "public"."webhook_event_type_old" USING "event_type"::text::"public"."webhook_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."webhook_event_type"`);
    await queryRunner.query(
      `ALTER TYPE "public"."webhook_event_type_old" RENAME TO "webhook_event_type"`,
    );
  }
}
