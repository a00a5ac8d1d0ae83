// ServiceFilter, and the SQL conditions and sort key each of its fields stands for.
import { Field, InputType } from 'type-graphql';
import { BY_ROW_ID_SORT, anyOf, byRelevance, type PageSource } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import { textMatch } from '../db/text-search';
import { searchText } from '../schema/input';
import { BY_RELEVANCE, BY_ROW_ID, type CursorShape } from '../schema/pagination';
import { EnterpriseScale, SpecializationLevel, specializationsAtOrBelow } from './eligibility';
import { DeliveryMode, FeeType } from './service-enums';

@InputType({ description: 'Narrows a list of services; every field given must hold.' })
export class ServiceFilter {
  @Field(() => String, {
    nullable: true,
    description: 'This category or any of its sub-categories (FIN, FIN-LOAN …).',
  })
  categoryCode?: string | null;

  @Field(() => [DeliveryMode], { nullable: true, description: 'Any of these delivery modes.' })
  deliveryMode?: DeliveryMode[] | null;

  @Field(() => [FeeType], { nullable: true, description: 'Any of these fee types.' })
  fee?: FeeType[] | null;

  @Field(() => EnterpriseScale, {
    nullable: true,
    description:
      'Open to an enterprise of this scale (services with no eligible scales listed are open to all).',
  })
  scale?: EnterpriseScale | null;

  @Field(() => SpecializationLevel, {
    nullable: true,
    description:
      'Open to an enterprise of this standing: the service minimum is at or below it (NONE < SPECIALIZED < LITTLE_GIANT).',
  })
  specialization?: SpecializationLevel | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Matches the Chinese or English name or the description, by substring or fuzzy match; ranked by relevance.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only active (true) or only withdrawn (false) services.',
  })
  active?: boolean | null;
}

export function serviceCursorShape(filter: ServiceFilter | null | undefined): CursorShape {
  return searchText(filter?.search, 'filter.search') ? BY_RELEVANCE : BY_ROW_ID;
}

/** WHERE conditions and sort key of a filtered list of services (table alias `t`). */
export function serviceConditions(
  filter: ServiceFilter | null | undefined,
  params: SqlParameters,
  /** From categoryFilterKeys(filter.categoryCode): the category and its sub-categories. */
  categoryKeys: number[] | null,
): Pick<PageSource, 'where' | 'sort' | 'heavy'> {
  const where: string[] = [];
  let sort = BY_ROW_ID_SORT;
  // A text search reads the whole table, whatever the page size.
  let heavy = false;
  if (!filter) return { where, sort, heavy };
  if (categoryKeys) {
    where.push(`t.category_id = ANY(${params.add(categoryKeys)}::int[])`);
  }
  where.push(...anyOf('t.delivery_mode', filter.deliveryMode, 'delivery_mode', params));
  where.push(...anyOf('t.fee', filter.fee, 'fee_type', params));
  if (filter.scale) {
    where.push(
      `(cardinality(t.eligible_scales) = 0 OR ${params.add(filter.scale)}::enterprise_scale = ANY(t.eligible_scales))`,
    );
  }
  if (filter.specialization) {
    const admitted = specializationsAtOrBelow(filter.specialization);
    where.push(...anyOf('t.min_specialization', admitted, 'specialization_level', params));
  }
  const text = searchText(filter.search, 'filter.search');
  if (text) {
    const match = textMatch(['t.name', 't.name_en', 't.description'], text, params);
    where.push(match.condition);
    sort = byRelevance(match.score);
    heavy = true;
  }
  if (filter.active !== null && filter.active !== undefined)
    where.push(`t.active = ${params.add(filter.active)}`);
  return { where, sort, heavy };
}
