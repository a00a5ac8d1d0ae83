import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mainland's working calendar: one row per year whose holiday schedule is held (from the
 * chinese-days package or set by an ADMIN), its holidays and adjusted working weekends inline.
 */
export class WorkingCalendar1796610000000 implements MigrationInterface {
  name = 'WorkingCalendar1796610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."calendar_source" AS ENUM('PACKAGE', 'ADMIN')`);
    await queryRunner.query(
      `CREATE TABLE "working_calendar_year" ("year" smallint NOT NULL, "source" "public"."calendar_source" NOT NULL, "holidays" date array NOT NULL, "holiday_names" text array NOT NULL, "working_weekends" date array NOT NULL, "working_weekend_names" text array NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "working_calendar_year_names_check" CHECK (cardinality(holiday_names) = cardinality(holidays) AND cardinality(working_weekend_names) = cardinality(working_weekends)), CONSTRAINT "working_calendar_year_year_check" CHECK (year BETWEEN 2000 AND 2100), CONSTRAINT "working_calendar_year_pkey" PRIMARY KEY ("year"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "working_calendar_year"`);
    await queryRunner.query(`DROP TYPE "public"."calendar_source"`);
  }
}
