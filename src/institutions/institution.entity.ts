// The institution table: the four-tier tree of PUBLIC centres and MARKET agencies.
import { Field, ObjectType } from 'type-graphql';
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
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { Region } from '../regions/region.entity';
import { InstitutionKind, InstitutionTier } from './institution-enums';

/**
 * A service institution: a PUBLIC centre of the network or a MARKET agency attached to one.
 * The database keeps the shape of the tree it can check row by row (see the checks and the
 * partial unique indexes); the tier rules that need other rows live in tree-rules.ts.
 */
@ObjectType({ implements: Node, description: 'A service institution of the four-tier network.' })
@Entity()
@Unique('institution_code_key', ['code'])
// Only the national centre has neither region nor parent; every other institution has both.
@Check('institution_national_check', `(tier = 'NATIONAL') = (region_code IS NULL)`)
@Check('institution_root_check', `(tier = 'NATIONAL') = (parent_id IS NULL)`)
@Check('institution_national_public_check', `tier <> 'NATIONAL' OR kind = 'PUBLIC'`)
@Check('institution_location_check', `(latitude IS NULL) = (longitude IS NULL)`)
// Exactly one national centre; at most one PUBLIC centre per region.
@Index('institution_single_national_idx', ['tier'], { unique: true, where: `tier = 'NATIONAL'` })
@Index('institution_public_region_idx', ['regionCode'], { unique: true, where: `kind = 'PUBLIC'` })
// Per-parent and per-region pages read their rows in id order and stop at the page size; these
// serve the region subtree filter (a code range) and the tree walks too.
@Index('institution_parent_id_idx', ['parentId', 'key'])
@Index('institution_region_code_idx', ['regionCode', 'key'])
export class Institution implements Node {
  /** Row id (column `id`); the GraphQL `id` is the global id built from it. */
  @PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'ALWAYS' })
  key!: number;

  @Field({ description: 'Stable public code, unique across the network.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Official (Chinese) name.' })
  @Index('institution_name_trgm_idx', { synchronize: false }) // GIN trigram, see the migration
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  @Index('institution_name_en_trgm_idx', { synchronize: false }) // GIN trigram, see the migration
  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;

  @Field(() => InstitutionTier, {
    description: 'NATIONAL, PROVINCIAL, MUNICIPAL or COUNTY: the level of the region it serves.',
  })
  @Column({ type: 'enum', enum: InstitutionTier, enumName: 'institution_tier' })
  tier!: InstitutionTier;

  @Field(() => InstitutionKind, {
    description: 'PUBLIC centre of the network or MARKET agency attached to one.',
  })
  @Column({ type: 'enum', enum: InstitutionKind, enumName: 'institution_kind' })
  kind!: InstitutionKind;

  /** Null only for the national centre. Region subtrees are found by code range. */
  @Column({ type: 'char', length: 6, nullable: true })
  regionCode!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'institution_region_code_fkey' })
  region?: Region;

  @Column({ type: 'integer', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'institution_parent_id_fkey' })
  parent?: Institution;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Field({ description: 'False once the institution is withdrawn; withdrawn ones stay readable.' })
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Field({ description: 'When the record was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the record last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  get id(): string {
    return toGlobalId('Institution', this.key);
  }
}
