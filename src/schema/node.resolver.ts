import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { SqlParameters } from '../db/rows';
import type { Enterprise } from '../referrals/enterprise.entity';
import { visibleReferral } from '../referrals/referral.resolver';
import { visibleReferrals } from '../referrals/visibility';
import type { RequestContext } from './context';
import { badInput } from './errors';
import { fromGlobalId, Node } from './node';
import { readRows } from '../db/prepared';

const REGION_KEY = /^[1-9][0-9]{5}$/;
const ROW_KEY = /^[1-9][0-9]{0,9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An enterprise is visible to those who see one of its referrals. */
async function visibleEnterprise(context: RequestContext, key: number): Promise<Enterprise | null> {
  if (context.viewer.role === Role.PUBLIC) return null;
  const enterprise = await context.loaders.enterpriseByKey.load(key);
  if (!enterprise || context.viewer.role === Role.ADMIN) return enterprise;
  const params = new SqlParameters();
  const visible = visibleReferrals(context.viewer, params);
  const [row] = await readRows(
    context.dataSource,
    `SELECT 1 FROM referral t WHERE t.enterprise_id = ${params.add(key)} AND ${visible.join(' AND ')} LIMIT 1`,
    params.values,
  );
  return row ? enterprise : null;
}

/** Loads the object a global id names; null for ids that are malformed, foreign or gone. */
async function loadNode(id: string, context: RequestContext): Promise<Node | null> {
  const { loaders } = context;
  const global = fromGlobalId(id);
  if (!global) return null;
  const { type, key } = global;
  if (type === 'Region') return REGION_KEY.test(key) ? loaders.regionByCode.load(key) : null;
  if (type === 'Referral') return UUID.test(key) ? visibleReferral(context, key) : null;
  if (!ROW_KEY.test(key) || Number(key) > 2 ** 31 - 1) return null;
  switch (type) {
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
