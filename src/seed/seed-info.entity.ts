// The seed_info table: one row saying on which day the network was first seeded. The seeded
// calendar of events is laid out around that day, so that a database seeded months ago keeps the
// calendar it was given (and a second seed run finds the same events to skip).
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

@Entity()
@Check('seed_info_single_row_check', `id = 1`)
export class SeedInfo {
  /** Always 1: the table has one row at most. */
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  /** The day (Beijing time) the seed first ran. */
  @Column({ type: 'date' })
  seededOn!: string;
}
