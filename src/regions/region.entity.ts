// The region table: the real GB/T 2260 divisions.
import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Node } from '../schema/node';
import { toGlobalId } from '../schema/global-id';
import { RegionLevel } from './region-level';

/**
 * A GB/T 2260 administrative division. Pseudo-prefectures (市辖区, 县, 省直辖县级行政区划) are
 * not stored: their counties have the province as parent. See src/seed/divisions.ts.
 */
@ObjectType({ implements: Node, description: 'A GB/T 2260 administrative division.' })
@Entity()
@Check('region_code_check', `code ~ '^[1-9][0-9]{5}$'`)
@Check('region_level_parent_check', `(level = 'PROVINCE') = (parent_code IS NULL)`)
export class Region implements Node {
  @Field({ description: 'Six-digit GB/T 2260 code, e.g. 110101.' })
  @PrimaryColumn({ type: 'char', length: 6 })
  code!: string;

  @Field({ description: 'Official Chinese name, e.g. 东莞市.' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'English name in pinyin, e.g. Dongguan.' })
  @Column({ type: 'text' })
  nameEn!: string;

  @Field(() => RegionLevel, { description: 'Province, prefecture-level or county-level division.' })
  @Column({ type: 'enum', enum: RegionLevel, enumName: 'region_level' })
  level!: RegionLevel;

  /** The province for counties under a pseudo-prefecture. */
  @Index('region_parent_code_idx')
  @Column({ type: 'char', length: 6, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'region_parent_code_fkey' })
  parent?: Region;

  get id(): string {
    return toGlobalId('Region', this.code);
  }
}
