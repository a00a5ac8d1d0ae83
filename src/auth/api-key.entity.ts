// The api_key table: who may call the API with which role (only a hash of each key is kept).
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Role } from './role';

/**
 * An API client's key. The key itself is never stored: only its SHA-256 hash, next to the
 * public id printed inside it (sme_<publicId>_<secret>) by which it is found.
 */
@Entity()
@Unique('api_key_public_id_key', ['publicId'])
@Check('api_key_role_check', `role <> 'PUBLIC'`)
// Staff keys are bound to one institution; other keys to none.
@Check('api_key_institution_check', `(role = 'INSTITUTION_STAFF') = (institution_id IS NOT NULL)`)
// AUTHORITY keys are bound to one region (a province or a prefecture-level division); others to
// none. Compared as text: the enum value is added in the same migration that adds the check.
@Check('api_key_region_check', `(role::text = 'AUTHORITY') = (region_code IS NOT NULL)`)
@Check('api_key_budget_check', `budget_per_minute > 0`)
export class ApiKey {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'text' })
  publicId!: string;

  /** SHA-256 of the whole key. */
  @Column({ type: 'bytea' })
  keyHash!: Buffer;

  /** The client's name, shown as the actor of what it does. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role!: Role;

  @Index('api_key_institution_id_idx')
  @Column({ type: 'integer', nullable: true })
  institutionId!: number | null;

  // Named, not imported: keys are below institutions in the domain order (see ARCHITECTURE.md).
  @ManyToOne('Institution', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'api_key_institution_id_fkey' })
  institution?: object;

  /** The region an AUTHORITY key governs (with everything below it). */
  @Index('api_key_region_code_idx')
  @Column({ type: 'char', length: 6, nullable: true })
  regionCode!: string | null;

  // Named, not imported, as institution above.
  @ManyToOne('Region', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'api_key_region_code_fkey' })
  region?: object;

  /** Cost points per minute this key may spend; null: the default (KEY_BUDGET_PER_MINUTE). */
  @Column({ type: 'integer', nullable: true })
  budgetPerMinute!: number | null;

  /**
   * Where the primary's write-ahead log was after the key's last write (bytes, as text): its
   * reads go to a replica only once the replica has replayed that far.
   */
  @Column({ type: 'bigint', nullable: true })
  lastWritePosition!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
