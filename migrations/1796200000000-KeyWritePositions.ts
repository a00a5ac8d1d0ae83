import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-your-writes with read replicas: where the primary's write-ahead log was after each key's
 * last write, so that its reads go to a replica only once the replica has replayed that far.
 */
export class KeyWritePositions1796200000000 implements MigrationInterface {
  name = 'KeyWritePositions1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" ADD "last_write_position" bigint`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "last_write_position"`);
  }
}
