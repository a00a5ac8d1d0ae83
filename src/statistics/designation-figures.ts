// NetworkStatistics.designations: the registry's designations of the enterprises of each area, by
// kind and by status as of today (registry-today.ts decides it from the stored status and the
// dates). One statement for every area of a request: the designations are first counted per
// region, kind and status (a few thousand groups out of 230,000 rows), then those groups summed
// into each area whose code range holds their region.
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DesignationKind } from '../cultivation/designation-enums';
import { designationStatusOn } from '../cultivation/registry-today';
import type { SqlRunner } from '../db/sql';
import { Cost, type CostRule } from '../schema/field-policy';
import type { StatisticsContext } from './statistics.context';
import { AREAS, WHOLE_TABLES, areaParameters } from './statistics.queries';
import { NetworkStatistics } from './statistics.types';

@ObjectType({ description: 'Designations of one kind in an area, by status as of today.' })
export class DesignationCount {
  @Field(() => DesignationKind, { description: 'The rung counted.' })
  kind!: DesignationKind;

  @Field(() => Int, { description: 'ACTIVE today.' })
  active!: number;

  @Field(() => Int, { description: 'UNDER_REVIEW today (still valid).' })
  underReview!: number;

  @Field(() => Int, { description: 'EXPIRED: exited, or not renewed by validUntil.' })
  expired!: number;

  @Field(() => Int, { description: 'REVOKED.' })
  revoked!: number;
}

const KINDS = Object.values(DesignationKind);

/** For each area, one count per kind (every kind, zeros included), in the order of the rungs. */
export async function designationCounts(
  sql: SqlRunner,
  areas: readonly string[],
): Promise<Map<string, DesignationCount[]>> {
  const rows = await sql.rows<DesignationCount & { area: string }>(
    `WITH per_region AS (
       SELECT e.region_code, d.kind, ${designationStatusOn('d')} AS status, count(*)::int AS n
         FROM designation d JOIN enterprise e ON e.id = d.enterprise_id
        GROUP BY 1, 2, 3)
     SELECT a.area, p.kind,
            coalesce(sum(p.n) FILTER (WHERE p.status = 'ACTIVE'), 0)::int AS active,
            coalesce(sum(p.n) FILTER (WHERE p.status = 'UNDER_REVIEW'), 0)::int AS "underReview",
            coalesce(sum(p.n) FILTER (WHERE p.status = 'EXPIRED'), 0)::int AS expired,
            coalesce(sum(p.n) FILTER (WHERE p.status = 'REVOKED'), 0)::int AS revoked
       FROM ${AREAS} JOIN per_region p ON p.region_code BETWEEN a.lo AND a.hi
      GROUP BY 1, 2`,
    areaParameters(areas),
    WHOLE_TABLES,
  );
  const found = new Map(rows.map((row) => [`${row.area}:${row.kind}`, row]));
  return new Map(
    areas.map((area) => [
      area,
      KINDS.map((kind) => {
        const row = found.get(`${area}:${kind}`);
        return {
          kind,
          active: row?.active ?? 0,
          underReview: row?.underReview ?? 0,
          expired: row?.expired ?? 0,
          revoked: row?.revoked ?? 0,
        };
      }),
    ]),
  );
}

/** Priced as the other figures (statistics.resolver.ts): about 20 points per millisecond. */
const designationFiguresCost: CostRule = {
  surcharge: (_args, volume) => 0.02 * volume.rows('designation'),
  oncePerRequest: true,
};

@Resolver(() => NetworkStatistics)
export class NetworkDesignationsResolver {
  @Cost(designationFiguresCost)
  @FieldResolver(() => [DesignationCount], {
    description:
      'The registry’s designations of the enterprises located in the area, per kind, by status as of today.',
  })
  designations(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics }: StatisticsContext,
  ): Promise<DesignationCount[]> {
    return statistics.designations.load(area);
  }
}
