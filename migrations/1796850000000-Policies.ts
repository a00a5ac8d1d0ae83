import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropWebhookEventType } from './webhook-event-type';

/**
 * Policies for enterprises: the policy library (issuer, conditions, window, guide), applications
 * and entitlements without applying (one per enterprise and policy) with their history, and the
 * webhook event that tells partners of their applications.
 */
export class Policies1796850000000 implements MigrationInterface {
  name = 'Policies1796850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."benefit_kind" AS ENUM('SUBSIDY', 'REWARD', 'TAX_RELIEF', 'LOAN_INTEREST_SUBSIDY', 'GUARANTEE_FEE_SUBSIDY', 'VOUCHER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."policy_delivery" AS ENUM('AUTOMATIC', 'APPLICATION')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."policy_status" AS ENUM('PUBLISHED', 'WITHDRAWN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "region_code" character(6), "issuer" text NOT NULL, "category_id" integer NOT NULL, "benefit_kind" "public"."benefit_kind" NOT NULL, "max_amount_yuan" numeric(14,2), "delivery" "public"."policy_delivery" NOT NULL, "eligible_scales" "public"."enterprise_scale" array NOT NULL DEFAULT '{}', "min_designation" "public"."designation_kind", "industry_codes" text array NOT NULL DEFAULT '{}', "pilot_only" boolean NOT NULL DEFAULT false, "opens_on" date NOT NULL, "closes_on" date, "status" "public"."policy_status" NOT NULL, "guide_beneficiaries" text NOT NULL, "guide_conditions" text NOT NULL, "guide_materials" text NOT NULL, "guide_office" text NOT NULL, "guide_phone" text NOT NULL, "published_by_api_key_id" integer, "entitled_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "policy_code_key" UNIQUE ("code"), CONSTRAINT "policy_withdrawn_check" CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)), CONSTRAINT "policy_guide_check" CHECK (guide_beneficiaries <> '' AND guide_conditions <> '' AND guide_materials <> '' AND guide_office <> '' AND guide_phone <> ''), CONSTRAINT "policy_max_amount_check" CHECK (max_amount_yuan IS NULL OR max_amount_yuan > 0), CONSTRAINT "policy_window_check" CHECK (closes_on IS NULL OR closes_on >= opens_on), CONSTRAINT "policy_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "policy_region_code_idx" ON "policy"("region_code")`);
    await queryRunner.query(`CREATE INDEX "policy_opens_on_idx" ON "policy"("opens_on")`);
    await queryRunner.query(
      `CREATE TYPE "public"."policy_application_status" AS ENUM('ENTITLED', 'SUBMITTED', 'APPROVED', 'DECLINED', 'PAID')`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_application" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "policy_id" integer NOT NULL, "enterprise_id" integer NOT NULL, "delivery" "public"."policy_delivery" NOT NULL, "status" "public"."policy_application_status" NOT NULL, "api_key_id" integer, "idempotency_key" text, "request_hash" text, "amount_requested_yuan" numeric(14,2), "amount_approved_yuan" numeric(14,2), "amount_paid_yuan" numeric(14,2), "paid_on" date, "pay_from" TIMESTAMP WITH TIME ZONE, "pay_by" date, "provisional_pay_by" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "policy_application_enterprise_key" UNIQUE ("policy_id", "enterprise_id"), CONSTRAINT "policy_application_idempotency_key" UNIQUE ("api_key_id", "idempotency_key"), CONSTRAINT "policy_application_paid_check" CHECK ((status = 'PAID') = (paid_on IS NOT NULL)), CONSTRAINT "policy_application_amounts_check" CHECK ((amount_requested_yuan IS NULL OR amount_requested_yuan > 0) AND (amount_approved_yuan IS NULL OR amount_approved_yuan >= 0) AND (amount_paid_yuan IS NULL OR amount_paid_yuan >= 0)), CONSTRAINT "policy_application_delivery_check" CHECK (delivery = 'APPLICATION' OR api_key_id IS NULL), CONSTRAINT "policy_application_idempotency_check" CHECK ((api_key_id IS NULL) = (idempotency_key IS NULL) AND (idempotency_key IS NULL) = (request_hash IS NULL)), CONSTRAINT "policy_application_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "policy_application_enterprise_id_idx" ON "policy_application"("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "policy_application_api_key_id_idx" ON "policy_application"("api_key_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "policy_application_pay_by_idx" ON "policy_application"("pay_by")`,
    );
    await queryRunner.query(
      `CREATE INDEX "policy_application_policy_idx" ON "policy_application"("policy_id", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_application_change" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "application_id" integer NOT NULL, "status" "public"."policy_application_status" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "note" text, CONSTRAINT "policy_application_change_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "policy_application_change_application_idx" ON "policy_application_change"("application_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TYPE "public"."webhook_event_type" ADD VALUE 'POLICY_APPLICATION_CHANGED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy" ADD CONSTRAINT "policy_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy" ADD CONSTRAINT "policy_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "service_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy" ADD CONSTRAINT "policy_published_by_api_key_id_fkey" FOREIGN KEY ("published_by_api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_application" ADD CONSTRAINT "policy_application_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_application" ADD CONSTRAINT "policy_application_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_application" ADD CONSTRAINT "policy_application_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_application_change" ADD CONSTRAINT "policy_application_change_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "policy_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "policy_application_change"`);
    await queryRunner.query(`DROP TABLE "policy_application"`);
    await queryRunner.query(`DROP TABLE "policy"`);
    await queryRunner.query(`DROP TYPE "public"."policy_application_status"`);
    await queryRunner.query(`DROP TYPE "public"."policy_status"`);
    await queryRunner.query(`DROP TYPE "public"."policy_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."benefit_kind"`);
    await dropWebhookEventType(queryRunner, 'POLICY_APPLICATION_CHANGED');
  }
}
