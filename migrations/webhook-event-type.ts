import type { QueryRunner } from 'typeorm';

/**
 * For a down migration: takes `label` out of webhook_event_type, with the deliveries of that type
 * and the subscriptions that heard nothing else (the others stop hearing it). PostgreSQL drops no
 * value of an enum: the type is rebuilt from its other labels as they stand, so that the
 * programmes' migrations, each adding its own, revert in any order. Never edited once released:
 * the migrations that call it are history.
 */
export async function dropWebhookEventType(queryRunner: QueryRunner, label: string): Promise<void> {
  const onlyThis = `SELECT id FROM "webhook_subscription" WHERE events::text[] <@ ARRAY['${label}']`;
  await queryRunner.query(
    `DELETE FROM "webhook_delivery" WHERE event_type::text = '${label}' OR subscription_id IN (${onlyThis})`,
  );
  await queryRunner.query(`DELETE FROM "webhook_subscription" WHERE id IN (${onlyThis})`);
  await queryRunner.query(
    `UPDATE "webhook_subscription" SET events = array_remove(events::text[], '${label}')::webhook_event_type[]
      WHERE '${label}' = ANY(events::text[])`,
  );
  const labels: { label: string }[] = await queryRunner.query(
    `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      WHERE t.typname = 'webhook_event_type' AND e.enumlabel <> $1 ORDER BY e.enumsortorder`,
    [label],
  );
  await queryRunner.query(
    `CREATE TYPE "public"."webhook_event_type_old" AS ENUM(${labels.map((row) => `'${row.label}'`).join(', ')})`,
  );
  await queryRunner.query(
    `ALTER TABLE "webhook_delivery" ALTER COLUMN "event_type" TYPE "public"."webhook_event_type_old" USING "event_type"::text::"public"."webhook_event_type_old"`,
  );
  await queryRunner.query(
    `ALTER TABLE "webhook_subscription" ALTER COLUMN "events" TYPE "public"."webhook_event_type_old"[] USING "events"::text[]::"public"."webhook_event_type_old"[]`,
  );
  await queryRunner.query(`DROP TYPE "public"."webhook_event_type"`);
  await queryRunner.query(
    `ALTER TYPE "public"."webhook_event_type_old" RENAME TO "webhook_event_type"`,
  );
}
