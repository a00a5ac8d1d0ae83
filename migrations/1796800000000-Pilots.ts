import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropWebhookEventType } from './webhook-event-type';

/**
 * Digital-transformation pilot cities: the cities with their funds and subsidy rule, the
 * enterprises in them with their stages (one pilot at a time per enterprise), the stage history,
 * and the PILOT_STAGE_CHANGED webhook event.
 */
export class Pilots1796800000000 implements MigrationInterface {
  name = 'Pilots1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pilot_city" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "region_code" character(6) NOT NULL, "batch" integer NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "target_enterprises" integer NOT NULL, "funds_allocated_yuan" numeric(14,2) NOT NULL, "reserve_percent" smallint NOT NULL DEFAULT '20', "subsidy_rule" jsonb NOT NULL, "subsidy_paid_yuan" numeric(14,2) NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pilot_city_region_code_key" UNIQUE ("region_code"), CONSTRAINT "pilot_city_pool_check" CHECK (subsidy_paid_yuan >= 0 AND subsidy_paid_yuan * 100 <= funds_allocated_yuan * (100 - reserve_percent)), CONSTRAINT "pilot_city_reserve_check" CHECK (reserve_percent BETWEEN 0 AND 100), CONSTRAINT "pilot_city_funds_check" CHECK (funds_allocated_yuan >= 0), CONSTRAINT "pilot_city_target_check" CHECK (target_enterprises >= 1), CONSTRAINT "pilot_city_batch_check" CHECK (batch >= 1), CONSTRAINT "pilot_city_dates_check" CHECK (ends_on > starts_on), CONSTRAINT "pilot_city_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."pilot_stage" AS ENUM('ENROLLED', 'DIAGNOSED', 'IN_TRANSFORMATION', 'ACCEPTED', 'WITHDRAWN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "pilot_enterprise" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "city_id" integer NOT NULL, "enterprise_id" integer NOT NULL, "sub_industry" text NOT NULL, "stage" "public"."pilot_stage" NOT NULL DEFAULT 'ENROLLED', "level_before" smallint, "level_after" smallint, "diagnosed_by_id" integer, "provider_id" integer, "project_cost_yuan" numeric(14,2), "subsidy_yuan" numeric(14,2), "api_key_id" integer, "idempotency_key" text, "request_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pilot_enterprise_idempotency_key" UNIQUE ("api_key_id", "idempotency_key"), CONSTRAINT "pilot_enterprise_idempotency_check" CHECK ((api_key_id IS NULL) = (idempotency_key IS NULL) AND (idempotency_key IS NULL) = (request_hash IS NULL)), CONSTRAINT "pilot_enterprise_stage_check" CHECK ((stage IN ('ENROLLED', 'WITHDRAWN') OR (level_before IS NOT NULL AND diagnosed_by_id IS NOT NULL))
   AND (stage IN ('ENROLLED', 'DIAGNOSED', 'WITHDRAWN') OR (provider_id IS NOT NULL AND project_cost_yuan IS NOT NULL))
   AND ((stage = 'ACCEPTED') = (level_after IS NOT NULL AND subsidy_yuan IS NOT NULL))), CONSTRAINT "pilot_enterprise_money_check" CHECK (project_cost_yuan > 0 AND subsidy_yuan >= 0), CONSTRAINT "pilot_enterprise_levels_check" CHECK (level_before BETWEEN 1 AND 4 AND level_after BETWEEN level_before AND 4), CONSTRAINT "pilot_enterprise_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "pilot_enterprise_stage_idx" ON "pilot_enterprise" ("stage")`,
    );
    await queryRunner.query(
      `CREATE INDEX "pilot_enterprise_diagnosed_by_id_idx" ON "pilot_enterprise" ("diagnosed_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "pilot_enterprise_provider_id_idx" ON "pilot_enterprise" ("provider_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "pilot_enterprise_city_idx" ON "pilot_enterprise" ("city_id", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "pilot_enterprise_live_key" ON "pilot_enterprise" ("enterprise_id") WHERE stage <> 'WITHDRAWN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "pilot_stage_change" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "pilot_enterprise_id" integer NOT NULL, "stage" "public"."pilot_stage" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "note" text, CONSTRAINT "pilot_stage_change_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "pilot_stage_change_pilot_enterprise_idx" ON "pilot_stage_change" ("pilot_enterprise_id", "id")`,
    );
    // Allowed inside the migration's transaction; the value is not used before it commits.
    await queryRunner.query(
      `ALTER TYPE "public"."webhook_event_type" ADD VALUE 'PILOT_STAGE_CHANGED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_city" ADD CONSTRAINT "pilot_city_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_enterprise" ADD CONSTRAINT "pilot_enterprise_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "pilot_city"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_enterprise" ADD CONSTRAINT "pilot_enterprise_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_enterprise" ADD CONSTRAINT "pilot_enterprise_diagnosed_by_id_fkey" FOREIGN KEY ("diagnosed_by_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_enterprise" ADD CONSTRAINT "pilot_enterprise_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_enterprise" ADD CONSTRAINT "pilot_enterprise_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pilot_stage_change" ADD CONSTRAINT "pilot_stage_change_pilot_enterprise_id_fkey" FOREIGN KEY ("pilot_enterprise_id") REFERENCES "pilot_enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pilot_stage_change"`);
    await queryRunner.query(`DROP TABLE "pilot_enterprise"`);
    await queryRunner.query(`DROP TYPE "public"."pilot_stage"`);
    await queryRunner.query(`DROP TABLE "pilot_city"`);
    await dropWebhookEventType(queryRunner, 'PILOT_STAGE_CHANGED');
  }
}
