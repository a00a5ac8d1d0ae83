// Relay's node(id) and nodes(ids): which domain loads which Node type is known here only.
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { appealNodes } from '../appeals/appeal.resolver';
import { auditNodes } from '../audit/audit.resolver';
import { clusterNodes } from '../cultivation/cluster.resolver';
import { designationNodes } from '../cultivation/designation.resolver';
import { eventNodes } from '../events/event.resolver';
import { institutionNodes } from '../institutions/institution.resolver';
import { pilotNodes } from '../pilots/pilot.resolver';
import { policyApplicationNodes } from '../policies/policy-application.resolver';
import { policyNodes } from '../policies/policy.resolver';
import { referralNodes } from '../referrals/referral.resolver';
import { regionNodes } from '../regions/region.resolver';
import { badInput } from '../schema/errors';
import { Node } from '../schema/node';
import { fromGlobalId, nodeKey } from '../schema/global-id';
import { Cost, type CostRule } from '../schema/field-policy';
import { serviceNodes } from '../services/service.resolver';
import { webhookNodes } from '../webhooks/webhook.resolver';
import type { RequestContext } from './context';

type NodeLoader = (context: RequestContext, key: string) => Promise<Node | null>;

/** Every Node type and how to load one by its key; null where the viewer may not see it. */
const NODE_LOADERS: Record<string, NodeLoader> = {
  ...regionNodes,
  ...institutionNodes,
  ...serviceNodes,
  ...referralNodes,
  ...eventNodes,
  ...clusterNodes,
  ...auditNodes,
  ...webhookNodes,
  ...designationNodes,
  ...pilotNodes,
  ...appealNodes,
  ...policyNodes,
  ...policyApplicationNodes,
};

/** Loads the object a global id names; null for ids that are malformed, foreign or gone. */
function loadNode(id: string, context: RequestContext): Promise<Node | null> {
  const type = fromGlobalId(id)?.type;
  const load = type ? NODE_LOADERS[type] : undefined;
  const key = type && load ? nodeKey(id, type) : null;
  return key === null ? Promise.resolve(null) : load!(context, key);
}

const MAX_IDS = 100;

/** nodes(ids) returns one object per id. */
const nodesCost: CostRule = {
  multiplier: ({ ids }) => (Array.isArray(ids) ? ids.length : 1),
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when the id names nothing.',
  })
  node(
    @Arg('id', () => ID, { description: 'A global id, as read from an `id` field.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Node | null> {
    return loadNode(id, context);
  }

  @Cost(nodesCost)
  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by their global ids (at most ${MAX_IDS}), in the order asked; null where an id names nothing.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: `Up to ${MAX_IDS} global ids.` }) ids: string[],
    @Ctx() context: RequestContext,
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_IDS) {
      throw badInput(`ids holds ${ids.length} ids: ask for at most ${MAX_IDS} at once`, 'ids');
    }
    return Promise.all(ids.map((id) => loadNode(id, context)));
  }
}
