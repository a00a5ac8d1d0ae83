// ClusterFilter, and the SQL conditions each of its fields stands for (alias `t`).
import { Field, InputType } from 'type-graphql';
import { anyOf } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import { textMatch } from '../db/text-search';
import { withinRegion } from '../regions/region-filter';
import { searchText } from '../schema/input';
import { ClusterLevel } from './designation-enums';

@InputType({ description: 'Narrows a list of clusters; every field given must hold.' })
export class ClusterFilter {
  @Field(() => [ClusterLevel], { nullable: true, description: 'Any of these levels.' })
  level?: ClusterLevel[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Clusters with a county-level division in this region or below it: 44, 4406 or 440606.',
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words of its name or industry, by substring or fuzzy match (家电, 汽车零部件).',
  })
  search?: string | null;
}

export function clusterConditions(
  filter: ClusterFilter | null | undefined,
  params: SqlParameters,
): { where: string[]; heavy: boolean } {
  const where: string[] = [];
  if (!filter) return { where, heavy: false };
  where.push(...anyOf('t.level', filter.level, 'cluster_level', params));
  for (const inRegion of withinRegion('fr.region_code', filter.regionCode, params)) {
    where.push(`EXISTS (SELECT FROM cluster_region fr WHERE fr.cluster_id = t.id AND ${inRegion})`);
  }
  const text = searchText(filter.search, 'filter.search');
  if (text) where.push(textMatch(['t.name', 't.industry'], text, params).condition);
  return { where, heavy: text !== null };
}
