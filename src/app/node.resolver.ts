import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { SqlParameters } from '../db/rows';
import type { Enterprise } from '../referrals/enterprise.entity';
import { visibleReferral } from '../referrals/referral.resolver';
import { visibleReferrals } from '../referrals/visibility';
import type { RequestContext } from './context';
import { badInput } from './errors';
import { fromGlobalId, Node, nodeKey } from './node';
import { readRows } from '../db/prepared';

/**
 * An enterprise is visible to those who see one of its referrals: checked for all enterprises of
 * a request in one statement.
 */
async function visibleEnterprise(context: RequestContext, key: number): Promise<Enterprise | null> {
  const { viewer, loaders, dataSource } = context;
  if (viewer.role === Role.PUBLIC) return null;
  const enterprise = await loaders.enterpriseByKey.load(key);
  if (!enterprise || viewer.role === Role.ADMIN) return enterprise;
  const visible = await loaders.connections
    .get<number, boolean>('Enterprise.visible', null, async (keys) => {
      const params = new SqlParameters();
      const rows = await readRows<{ enterprise_id: number }>(
        dataSource,
        `SELECT DISTINCT t.enterprise_id FROM referral t
          WHERE t.enterprise_id = ANY(${params.add(keys)}::int[]) AND ${visibleReferrals(viewer, params).join(' AND ')}`,
        params.values,
      );
      const seen = new Set(rows.map((row) => row.enterprise_id));
      return keys.map((candidate) => seen.has(candidate));
    })
    .load(key);
  return visible ? enterprise : null;
}

/** Loads the object a global id names; null for ids that are malformed, foreign or gone. */
async function loadNode(id: string, context: RequestContext): Promise<Node | null> {
  const { loaders } = context;
  const type = fromGlobalId(id)?.type;
  const key = type ? nodeKey(id, type) : null;
  if (key === null) return null;
  switch (type) {
    case 'Region':
      return loaders.regionByCode.load(key);
    case 'Referral':
      return visibleReferral(context, key);
    case 'Institution':
      return loaders.institutionByKey.load(Number(key));
    case 'Service':
      return loaders.serviceByKey.load(Number(key));
    case 'ServiceCategory':
      return (await loaders.taxonomy()).byKey.get(Number(key)) ?? null;
    case 'Enterprise':
      return visibleEnterprise(context, Number(key));
    default:
      return null;
  }
}

const MAX_IDS = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when the id names nothing.',
  })
  node(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Node | null> {
    return loadNode(id, context);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by their global ids (at most ${MAX_IDS}), in the order asked; null where an id names nothing.`,
  })
  nodes(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() context: RequestContext,
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_IDS) {
      throw badInput(`ids holds ${ids.length} ids: ask for at most ${MAX_IDS} at once`, 'ids');
    }
    return Promise.all(ids.map((id) => loadNode(id, context)));
  }
}
