import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events: events run by institutions (seat counters on the row, guarded by CHECKs), registrations
 * with their waitlist positions (unique per event, checked at commit) and one live registration
 * per enterprise and event (a partial unique index), the history of every registration's status,
 * matchmaking outcomes, and seed_info, the day the seed's calendar is laid out around. Generated
 * from the entities; reviewed by hand (TypeORM created the shared registration_status type twice),
 * with the trigram indexes of the title search added.
 */
export class Events1796100000000 implements MigrationInterface {
  name = 'Events1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."event_kind" AS ENUM('FINANCING_MATCHMAKING', 'SUPPLY_DEMAND_MATCHMAKING', 'TRAINING', 'POLICY_BRIEFING', 'EXHIBITION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "event" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "title_en" text, "kind" "public"."event_kind" NOT NULL, "organizer_id" integer NOT NULL, "region_code" character(6) NOT NULL, "category_id" integer, "delivery_mode" "public"."delivery_mode" NOT NULL, "venue" text, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registration_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "confirmed_count" integer NOT NULL DEFAULT '0', "waitlist_count" integer NOT NULL DEFAULT '0', "eligible_scales" "public"."enterprise_scale" array NOT NULL DEFAULT '{}', "min_specialization" "public"."specialization_level" NOT NULL DEFAULT 'NONE', "counterparts" text array NOT NULL DEFAULT '{}', "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_code_key" UNIQUE ("code"), CONSTRAINT "event_waitlist_count_check" CHECK (waitlist_count >= 0), CONSTRAINT "event_confirmed_count_check" CHECK (confirmed_count >= 0 AND confirmed_count <= capacity), CONSTRAINT "event_registration_closes_check" CHECK (registration_closes_at <= starts_at), CONSTRAINT "event_window_check" CHECK (ends_at > starts_at), CONSTRAINT "event_capacity_check" CHECK (capacity >= 1), CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "event_organizer_id_idx" ON "event"  ("organizer_id")`);
    await queryRunner.query(`CREATE INDEX "event_region_code_idx" ON "event"  ("region_code")`);
    await queryRunner.query(`CREATE INDEX "event_category_id_idx" ON "event"  ("category_id")`);
    await queryRunner.query(`CREATE INDEX "event_starts_at_idx" ON "event"  ("starts_at")`);
    await queryRunner.query(
      `CREATE TYPE "public"."registration_status" AS ENUM('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'NO_SHOW')`,
    );
    await queryRunner.query(
      `CREATE TABLE "event_registration" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "event_id" integer NOT NULL, "enterprise_id" integer NOT NULL, "api_key_id" integer, "idempotency_key" text, "request_hash" text, "status" "public"."registration_status" NOT NULL, "waitlist_position" integer, "contact_name" text, "contact_phone" text, "contact_email" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_registration_waitlist_key" UNIQUE ("event_id", "waitlist_position") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "event_registration_idempotency_key" UNIQUE ("api_key_id", "idempotency_key"), CONSTRAINT "event_registration_idempotency_check" CHECK ((api_key_id IS NULL) = (idempotency_key IS NULL) AND (idempotency_key IS NULL) = (request_hash IS NULL)), CONSTRAINT "event_registration_waitlist_check" CHECK ((status = 'WAITLISTED') = (waitlist_position IS NOT NULL) AND (waitlist_position IS NULL OR waitlist_position >= 1)), CONSTRAINT "PK_10aedff1bd0d0ef534d1106ddec" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "event_registration_enterprise_id_idx" ON "event_registration"  ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "event_registration_api_key_id_idx" ON "event_registration"  ("api_key_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "event_registration_event_idx" ON "event_registration"  ("event_id", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "event_registration_live_idx" ON "event_registration"  ("event_id", "enterprise_id") WHERE status <> 'CANCELLED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "event_registration_change" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "registration_id" integer NOT NULL, "status" "public"."registration_status" NOT NULL, "waitlist_position" integer, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, CONSTRAINT "PK_fa37d243f62fd72b92d69fa96a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "event_registration_change_registration_idx" ON "event_registration_change"  ("registration_id", "id")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."outcome_kind" AS ENUM('FINANCING', 'PROCUREMENT', 'TECHNOLOGY', 'COOPERATION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "matchmaking_outcome" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "event_id" integer NOT NULL, "enterprise_id" integer NOT NULL, "registration_id" integer NOT NULL, "kind" "public"."outcome_kind" NOT NULL, "counterpart" text NOT NULL, "amount_yuan" bigint, "note" text, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "matchmaking_outcome_amount_check" CHECK (amount_yuan >= 0), CONSTRAINT "PK_2806afd45fccc6c19b5cde72658" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "matchmaking_outcome_enterprise_id_idx" ON "matchmaking_outcome"  ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "matchmaking_outcome_registration_id_idx" ON "matchmaking_outcome"  ("registration_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "matchmaking_outcome_event_idx" ON "matchmaking_outcome"  ("event_id", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "seed_info" ("id" smallint NOT NULL DEFAULT '1', "seeded_on" date NOT NULL, CONSTRAINT "seed_info_single_row_check" CHECK (id = 1), CONSTRAINT "PK_fa1a9f1e0c09f267ad29811b26f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "event_organizer_id_fkey" FOREIGN KEY ("organizer_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "event_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "event_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "service_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration_change" ADD CONSTRAINT "event_registration_change_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "event_registration"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "matchmaking_outcome" ADD CONSTRAINT "matchmaking_outcome_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "matchmaking_outcome" ADD CONSTRAINT "matchmaking_outcome_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "matchmaking_outcome" ADD CONSTRAINT "matchmaking_outcome_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "event_registration"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Title search: substring and fuzzy matching in Chinese and English, as for institutions.
    await queryRunner.query(
      `CREATE INDEX "event_title_trgm_idx" ON "event" USING gin ("title" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "event_title_en_trgm_idx" ON "event" USING gin ("title_en" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."event_title_en_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_title_trgm_idx"`);
    await queryRunner.query(
      `ALTER TABLE "matchmaking_outcome" DROP CONSTRAINT "matchmaking_outcome_registration_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "matchmaking_outcome" DROP CONSTRAINT "matchmaking_outcome_enterprise_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "matchmaking_outcome" DROP CONSTRAINT "matchmaking_outcome_event_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration_change" DROP CONSTRAINT "event_registration_change_registration_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration" DROP CONSTRAINT "event_registration_api_key_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration" DROP CONSTRAINT "event_registration_enterprise_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_registration" DROP CONSTRAINT "event_registration_event_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "event_category_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "event_region_code_fkey"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "event_organizer_id_fkey"`);
    await queryRunner.query(`DROP TABLE "seed_info"`);
    await queryRunner.query(`DROP INDEX "public"."matchmaking_outcome_event_idx"`);
    await queryRunner.query(`DROP INDEX "public"."matchmaking_outcome_registration_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."matchmaking_outcome_enterprise_id_idx"`);
    await queryRunner.query(`DROP TABLE "matchmaking_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."outcome_kind"`);
    await queryRunner.query(`DROP INDEX "public"."event_registration_change_registration_idx"`);
    await queryRunner.query(`DROP TABLE "event_registration_change"`);
    await queryRunner.query(`DROP INDEX "public"."event_registration_live_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_registration_event_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_registration_api_key_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_registration_enterprise_id_idx"`);
    await queryRunner.query(`DROP TABLE "event_registration"`);
    await queryRunner.query(`DROP TYPE "public"."registration_status"`);
    await queryRunner.query(`DROP INDEX "public"."event_starts_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_category_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_region_code_idx"`);
    await queryRunner.query(`DROP INDEX "public"."event_organizer_id_idx"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP TYPE "public"."event_kind"`);
  }
}
