// InstitutionFilter, and the SQL conditions and sort key each of its fields stands for.
import { Field, InputType } from 'type-graphql';
import type { SqlParameters } from '../db/rows';
import { BY_ROW_ID_SORT, anyOf, byRelevance, type PageSource } from '../db/page-query';
import { normalizeRegionCode, regionCodeRange } from '../regions/region-code';
import { textMatch } from '../db/text-search';
import { searchText } from '../schema/input';
import { BY_RELEVANCE, BY_ROW_ID, type CursorShape } from '../schema/pagination';
import { InstitutionKind, InstitutionTier } from './institution-enums';

@InputType({ description: 'Narrows a list of institutions; every field given must hold.' })
export class InstitutionFilter {
  @Field(() => [InstitutionTier], { nullable: true, description: 'Any of these tiers.' })
  tier?: InstitutionTier[] | null;

  @Field(() => [InstitutionKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: InstitutionKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The region and every region below it: 44 (Guangdong), 4419 or 441900 (Dongguan).',
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Offers at least one active service in this category or a sub-category (e.g. FIN, FIN-LOAN).',
  })
  categoryCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Matches Chinese or English name, pinyin-free substring or fuzzy match (东莞, dongguan, Dongguam); results are ranked by relevance.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only active (true) or only inactive (false) institutions.',
  })
  active?: boolean | null;
}

/** The sort key a filter implies, to check cursors before any SQL runs. */
export function institutionCursorShape(filter: InstitutionFilter | null | undefined): CursorShape {
  return searchText(filter?.search, 'filter.search') ? BY_RELEVANCE : BY_ROW_ID;
}

/**
 * The WHERE conditions and sort key of a filtered list of institutions (table alias `t`):
 * by row id, or by relevance when searching.
 */
export function institutionConditions(
  filter: InstitutionFilter | null | undefined,
  params: SqlParameters,
  /** From categoryFilterKeys(filter.categoryCode): the category and its sub-categories. */
  categoryKeys: number[] | null,
): Pick<PageSource, 'where' | 'sort' | 'heavy'> {
  const where: string[] = [];
  let sort = BY_ROW_ID_SORT;
  // A text search reads the whole table, whatever the page size.
  let heavy = false;
  if (!filter) return { where, sort, heavy };
  where.push(...anyOf('t.tier', filter.tier, 'institution_tier', params));
  where.push(...anyOf('t.kind', filter.kind, 'institution_kind', params));
  if (filter.regionCode !== null && filter.regionCode !== undefined) {
    const [low, high] = regionCodeRange(
      normalizeRegionCode(filter.regionCode, 'filter.regionCode'),
    );
    where.push(`t.region_code BETWEEN ${params.add(low)} AND ${params.add(high)}`);
  }
  if (categoryKeys) {
    where.push(`EXISTS (SELECT 1 FROM service s WHERE s.institution_id = t.id AND s.active
                        AND s.category_id = ANY(${params.add(categoryKeys)}::int[]))`);
  }
  const text = searchText(filter.search, 'filter.search');
  if (text) {
    const match = textMatch(['t.name', 't.name_en'], text, params);
    where.push(match.condition);
    sort = byRelevance(match.score);
    heavy = true;
  }
  if (filter.active !== null && filter.active !== undefined)
    where.push(`t.active = ${params.add(filter.active)}`);
  return { where, sort, heavy };
}
