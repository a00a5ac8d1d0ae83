import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';
import { badInput } from './errors';
import { fromGlobalId, Node } from './node';

const REGION_KEY = /^[1-9][0-9]{5}$/;
const ROW_KEY = /^[1-9][0-9]{0,9}$/;

/** Loads the object a global id names; null for ids that are malformed, foreign or gone. */
async function loadNode(id: string, { loaders }: RequestContext): Promise<Node | null> {
  const global = fromGlobalId(id);
  if (!global) return null;
  const { type, key } = global;
  if (type === 'Region') return REGION_KEY.test(key) ? loaders.regionByCode.load(key) : null;
  if (!ROW_KEY.test(key) || Number(key) > 2 ** 31 - 1) return null;
  switch (type) {
    case 'Institution':
      return loaders.institutionByKey.load(Number(key));
    case 'Service':
      return loaders.serviceByKey.load(Number(key));
    case 'ServiceCategory':
      return (await loaders.taxonomy()).byKey.get(Number(key)) ?? null;
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
