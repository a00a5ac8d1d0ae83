// The persisted_query table: automatic persisted queries registered through any process of the
// deployment, so that a hash registered through one is answered by every other.
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity()
export class PersistedQuery {
  /** Apollo's key: `apq:` and the SHA-256 of the document. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'persisted_query_pkey' })
  key!: string;

  @Column({ type: 'text' })
  query!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When it was last looked up; long-unused documents are swept. */
  @Index('persisted_query_used_at_idx')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  usedAt!: Date;
}
