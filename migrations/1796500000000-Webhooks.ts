import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners' webhooks: subscriptions (URL, events, the signing secret encrypted) and deliveries,
 * the transactional outbox a change writes in its own transaction. The job queue that carries
 * deliveries (graphile-worker) installs its own schema at start-up, not here.
 */
export class Webhooks1796500000000 implements MigrationInterface {
  name = 'Webhooks1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."webhook_event_type" AS ENUM('REFERRAL_CREATED', 'REFERRAL_STATUS_CHANGED', 'EVENT_REGISTRATION_CHANGED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED', 'DEAD')`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_subscription" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "api_key_id" integer NOT NULL, "url" text NOT NULL, "events" "public"."webhook_event_type" array NOT NULL, "secret_ciphertext" bytea NOT NULL, "secret_key_id" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_subscription_deleted_check" CHECK (active = (deleted_at IS NULL)), CONSTRAINT "webhook_subscription_events_check" CHECK (cardinality(events) > 0), CONSTRAINT "webhook_subscription_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_subscription_api_key_id_idx" ON "webhook_subscription" ("api_key_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("uuid" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" SERIAL NOT NULL, "subscription_id" integer NOT NULL, "event_type" "public"."webhook_event_type" NOT NULL, "data" jsonb NOT NULL, "status" "public"."delivery_status" NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "attempt_limit" integer, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_delivery_attempts_check" CHECK (attempts >= 0), CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("uuid"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_delivery_seq_idx" ON "webhook_delivery" ("seq") `,
    );
    // Deliveries still to be attempted: what an operator looks at when a receiver is down.
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_next_attempt_idx" ON "webhook_delivery" ("next_attempt_at") WHERE next_attempt_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_subscription_idx" ON "webhook_delivery" ("subscription_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscription" ADD CONSTRAINT "webhook_subscription_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "webhook_delivery_subscription_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscription" DROP CONSTRAINT "webhook_subscription_api_key_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_subscription_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_next_attempt_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_seq_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_subscription_api_key_id_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_status"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_event_type"`);
  }
}
