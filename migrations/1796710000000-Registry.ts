import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropWebhookEventType } from './webhook-event-type';

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
    await dropWebhookEventType(queryRunner, 'DESIGNATION_CHANGED');
  }
}
