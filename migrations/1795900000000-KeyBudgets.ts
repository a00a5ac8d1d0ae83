import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-key budgets: a key may carry its own cost points per minute (null: the default). */
export class KeyBudgets1795900000000 implements MigrationInterface {
  name = 'KeyBudgets1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" ADD "budget_per_minute" integer`);
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_budget_check" CHECK (budget_per_minute > 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "api_key_budget_check"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "budget_per_minute"`);
  }
}
