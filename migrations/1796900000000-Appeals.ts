import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropWebhookEventType } from './webhook-event-type';

/**
 * Enterprise appeals: the appeal with its handler and working-day deadlines, its history, and the
 * APPEAL_CHANGED webhook. Two indexes the entities cannot describe: a GIN index over the earlier
 * handlers of escalated appeals (staff see what their institution handled; the few escalated ones
 * only, so that the many others cost it nothing), and the moment the next step of an open
 * appeal is due (overdue lists and the escalation sweep read it; DUE_AT in
 * src/appeals/appeal-deadlines.ts is the same expression).
 */
export class Appeals1796900000000 implements MigrationInterface {
  name = 'Appeals1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."webhook_event_type" ADD VALUE IF NOT EXISTS 'APPEAL_CHANGED'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."appeal_category" AS ENUM('FINANCING', 'POLICY_CONSULTATION', 'PAYMENT_ARREARS', 'MARKET_ACCESS', 'IP_PROTECTION', 'TALENT_AND_LABOR', 'LAND_AND_FACILITIES', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."appeal_status" AS ENUM('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED', 'RESOLVED', 'CLOSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "appeal" ("uuid" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" SERIAL NOT NULL, "enterprise_id" integer NOT NULL, "api_key_id" integer NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "category" "public"."appeal_category" NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "region_code" character(6) NOT NULL, "handler_id" integer NOT NULL, "previous_handler_ids" integer array NOT NULL DEFAULT '{}', "status" "public"."appeal_status" NOT NULL DEFAULT 'SUBMITTED', "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledge_from" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledge_by" TIMESTAMP WITH TIME ZONE NOT NULL, "reply_from" TIMESTAMP WITH TIME ZONE NOT NULL, "reply_by" TIMESTAMP WITH TIME ZONE NOT NULL, "resolve_from" TIMESTAMP WITH TIME ZONE NOT NULL, "resolve_by" TIMESTAMP WITH TIME ZONE NOT NULL, "provisional_deadlines" boolean NOT NULL DEFAULT false, "escalations" integer NOT NULL DEFAULT '0', "extension_reason" text, "extension_requested_at" TIMESTAMP WITH TIME ZONE, "extension_approved" boolean, "extension_decided_at" TIMESTAMP WITH TIME ZONE, "reopened" boolean NOT NULL DEFAULT false, "satisfaction" smallint, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "replied_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "resolved_working_days" smallint, "contact_name" text, "contact_phone" text, "contact_email" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appeal_idempotency_key" UNIQUE ("api_key_id", "idempotency_key"), CONSTRAINT "appeal_escalations_check" CHECK (escalations >= 0), CONSTRAINT "appeal_satisfaction_check" CHECK (satisfaction BETWEEN 1 AND 5), CONSTRAINT "appeal_pkey" PRIMARY KEY ("uuid"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "appeal_seq_idx" ON "appeal" ("seq") `);
    await queryRunner.query(
      `CREATE INDEX "appeal_enterprise_id_idx" ON "appeal" ("enterprise_id") `,
    );
    await queryRunner.query(`CREATE INDEX "appeal_region_code_idx" ON "appeal" ("region_code") `);
    await queryRunner.query(`CREATE INDEX "appeal_handler_idx" ON "appeal" ("handler_id", "seq") `);
    await queryRunner.query(
      `CREATE INDEX "appeal_previous_handler_ids_idx" ON "appeal" USING gin ("previous_handler_ids") WHERE previous_handler_ids <> '{}'`,
    );
    await queryRunner.query(
      `CREATE INDEX "appeal_due_idx" ON "appeal" ((CASE status WHEN 'SUBMITTED' THEN least(acknowledge_by, reply_by, resolve_by) WHEN 'ACKNOWLEDGED' THEN least(reply_by, resolve_by) WHEN 'REPLIED' THEN resolve_by END)) WHERE status IN ('SUBMITTED', 'ACKNOWLEDGED', 'REPLIED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "appeal_change" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "appeal_uuid" uuid NOT NULL, "status" "public"."appeal_status" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "note" text, "handler_id" integer, CONSTRAINT "appeal_change_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appeal_change_appeal_idx" ON "appeal_change" ("appeal_uuid", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "appeal" ADD CONSTRAINT "appeal_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeal" ADD CONSTRAINT "appeal_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeal" ADD CONSTRAINT "appeal_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeal" ADD CONSTRAINT "appeal_handler_id_fkey" FOREIGN KEY ("handler_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeal_change" ADD CONSTRAINT "appeal_change_appeal_uuid_fkey" FOREIGN KEY ("appeal_uuid") REFERENCES "appeal"("uuid") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeal_change" ADD CONSTRAINT "appeal_change_handler_id_fkey" FOREIGN KEY ("handler_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "appeal_change"`);
    await queryRunner.query(`DROP TABLE "appeal"`);
    await queryRunner.query(`DROP TYPE "public"."appeal_status"`);
    await queryRunner.query(`DROP TYPE "public"."appeal_category"`);
    await dropWebhookEventType(queryRunner, 'APPEAL_CHANGED');
  }
}
