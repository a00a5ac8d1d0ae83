import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Government operations: the audit trail (append-only: a trigger refuses UPDATE, DELETE and
 * TRUNCATE of audit_entry, whoever asks, so that no code path — nor a mistaken script on the
 * application's connection — can rewrite history) and the partners' feedback on completed
 * referrals (one per referral). Generated from the entities; the trigger added by hand.
 */
export class GovernmentOperations1796400000000 implements MigrationInterface {
  name = 'GovernmentOperations1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_key_id" text, "actor_name" text, "actor_role" "public"."role" NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_code" text NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_entry_at_idx" ON "audit_entry"  ("at") `);
    await queryRunner.query(
      `CREATE INDEX "audit_entry_action_idx" ON "audit_entry"  ("action", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_entry_entity_code_idx" ON "audit_entry"  ("entity_code", "id") `,
    );
    await queryRunner.query(`CREATE FUNCTION audit_entry_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % of audit_entry is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_feedback" ("referral_uuid" uuid NOT NULL, "rating" smallint NOT NULL, "comment" text, "api_key_id" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referral_feedback_rating_check" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_b3b8ca309416da71548c32729c3" PRIMARY KEY ("referral_uuid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_feedback_api_key_id_idx" ON "referral_feedback"  ("api_key_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_feedback_at_idx" ON "referral_feedback"  ("at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_feedback" ADD CONSTRAINT "referral_feedback_referral_uuid_fkey" FOREIGN KEY ("referral_uuid") REFERENCES "referral"("uuid") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_feedback" ADD CONSTRAINT "referral_feedback_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "referral_feedback" DROP CONSTRAINT "referral_feedback_api_key_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_feedback" DROP CONSTRAINT "referral_feedback_referral_uuid_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."referral_feedback_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_feedback_api_key_id_idx"`);
    await queryRunner.query(`DROP TABLE "referral_feedback"`);
    // Dropping the table drops its triggers; the function goes with it.
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only()`);
  }
}
