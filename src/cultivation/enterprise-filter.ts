// EnterpriseFilter, and the SQL conditions each of its fields stands for (alias `t`).
import { Field, InputType } from 'type-graphql';
import type { SqlParameters } from '../db/rows';
import { textMatch } from '../db/text-search';
import { withinRegion } from '../regions/region-filter';
import { publicCode, searchText } from '../schema/input';
import { DesignationKind } from './designation-enums';
import { clusterMember } from './cluster-membership';
import { parseIndustryCode } from './industry-classification';
import { designationValidOn } from './registry-today';

@InputType({ description: 'Narrows a list of enterprises; every field given must hold.' })
export class EnterpriseFilter {
  @Field(() => String, {
    nullable: true,
    description: 'The region and everything below it: 44 (Guangdong), 4419 or 441900 (Dongguan).',
  })
  regionCode?: string | null;

  @Field(() => [DesignationKind], {
    nullable: true,
    description:
      'Holding an ACTIVE or UNDER_REVIEW designation of one of these kinds, valid today.',
  })
  designation?: DesignationKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Members of this cluster (located in its regions, industry under its codes).',
  })
  clusterCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A GB/T 4754 code prefix, e.g. C36: the industry is that code or below it.',
  })
  industryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name, substring or fuzzy.' })
  search?: string | null;
}

/** The WHERE conditions of a filtered list of enterprises; a name search is marked heavy. */
export function enterpriseConditions(
  filter: EnterpriseFilter | null | undefined,
  params: SqlParameters,
): { where: string[]; heavy: boolean } {
  const where: string[] = [];
  if (!filter) return { where, heavy: false };
  where.push(...withinRegion('t.region_code', filter.regionCode, params));
  if (filter.designation?.length) {
    where.push(
      `EXISTS (SELECT FROM designation fd WHERE fd.enterprise_id = t.id
                  AND fd.kind = ANY(${params.add([...new Set(filter.designation)])}::designation_kind[])
                  AND ${designationValidOn('fd')})`,
    );
  }
  if (filter.clusterCode !== null && filter.clusterCode !== undefined) {
    const code = publicCode(filter.clusterCode, 'filter.clusterCode');
    where.push(
      `EXISTS (SELECT FROM cluster fc JOIN cluster_region fr ON fr.cluster_id = fc.id
                WHERE fc.code = ${params.add(code)}::text AND ${clusterMember('fc', 'fr', 't')})`,
    );
  }
  if (filter.industryCode !== null && filter.industryCode !== undefined) {
    const prefix = parseIndustryCode(filter.industryCode, 'filter.industryCode', 'section');
    where.push(`starts_with(t.industry_code, ${params.add(prefix)}::text)`);
  }
  const text = searchText(filter.search, 'filter.search');
  if (text) where.push(textMatch(['t.name'], text, params).condition);
  return { where, heavy: text !== null };
}
