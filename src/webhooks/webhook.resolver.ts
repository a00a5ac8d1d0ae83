// Webhooks in GraphQL: a key's subscriptions and their deliveries, creating and deleting
// subscriptions, queueing a delivery again.
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Allow } from '../auth/permissions';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import {
  BY_ROW_ID,
  connectionTypes,
  PageArgs,
  pageWindow,
  toConnection,
} from '../schema/pagination';
import { selects } from '../schema/selection';
import { WebhookDelivery } from './webhook-delivery.entity';
import { DeliveryStatus } from './webhook-enums';
import { WebhookSubscription } from './webhook-subscription.entity';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  redeliverWebhook,
  requireSubscriber,
  SUBSCRIBERS,
} from './webhook.commands';
import type { WebhookContext } from './webhook.context';
import { CreateWebhookSubscriptionInput, CreateWebhookSubscriptionPayload } from './webhook.inputs';
import {
  deliveryPagesBySubscription,
  listSubscriptions,
  ownDelivery,
  ownSubscription,
} from './webhook.queries';

export const WebhookSubscriptionConnection = connectionTypes(
  WebhookSubscription,
  'WebhookSubscription',
  'webhook subscription',
);
export type WebhookSubscriptionConnection = InstanceType<typeof WebhookSubscriptionConnection>;

export const WebhookDeliveryConnection = connectionTypes(
  WebhookDelivery,
  'WebhookDelivery',
  'webhook delivery',
);
export type WebhookDeliveryConnection = InstanceType<typeof WebhookDeliveryConnection>;

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Query(() => WebhookSubscriptionConnection, {
    description:
      "The viewer's own subscriptions (PARTNER, AUTHORITY, ADMIN), newest first; deleted ones are not listed.",
  })
  async webhookSubscriptions(
    @Args() page: PageArgs,
    @Ctx() { sql, viewer }: WebhookContext,
  ): Promise<WebhookSubscriptionConnection> {
    requireSubscriber(viewer);
    const window = pageWindow(page, BY_ROW_ID, 'Query.webhookSubscriptions');
    return toConnection(await listSubscriptions(sql, viewer, window), window);
  }

  @Allow(SUBSCRIBERS, 'subscribe to webhooks')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => CreateWebhookSubscriptionPayload, {
    description:
      'PARTNER, AUTHORITY or ADMIN. Subscribes a URL to changes the key may see (AUTHORITY: DESIGNATION_CHANGED in its region); the signing secret is in the answer, once.',
  })
  createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput, {
      description: 'The receiving URL and the event types.',
    })
    input: CreateWebhookSubscriptionInput,
    @Ctx() context: WebhookContext,
  ): Promise<CreateWebhookSubscriptionPayload> {
    return createWebhookSubscription(context, input);
  }

  @Allow(SUBSCRIBERS, 'subscribe to webhooks')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => Boolean, {
    description:
      'Deletes one of the key’s subscriptions: nothing more is delivered to it, queued deliveries end DEAD. False when it was deleted already.',
  })
  deleteWebhookSubscription(
    @Arg('id', () => ID, { description: 'Global id of the subscription.' }) id: string,
    @Ctx() context: WebhookContext,
  ): Promise<boolean> {
    return deleteWebhookSubscription(context, id);
  }

  @Allow(SUBSCRIBERS, 'subscribe to webhooks')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => WebhookDelivery, {
    description:
      'Queues the delivery’s next attempt now (same delivery id, a new signature): one more when DELIVERED or DEAD, the retry brought forward when FAILED. CONFLICT while an attempt is queued or under way (PENDING).',
  })
  redeliverWebhook(
    @Arg('deliveryId', () => ID, { description: 'Global id of the delivery.' })
    deliveryId: string,
    @Ctx() context: WebhookContext,
  ): Promise<WebhookDelivery> {
    return redeliverWebhook(context, deliveryId);
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'What was sent to it, newest first.',
  })
  deliveries(
    @Root() subscription: WebhookSubscription,
    @Args() page: PageArgs,
    @Arg('status', () => [DeliveryStatus], {
      nullable: true,
      description: 'Only deliveries in these statuses.',
    })
    status: DeliveryStatus[] | null,
    @Ctx() context: WebhookContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<WebhookDeliveryConnection> {
    const window = pageWindow(page, BY_ROW_ID, 'WebhookSubscription.deliveries');
    const withTotals = selects(info, 'totalCount');
    return context.connections
      .get<number, WebhookDeliveryConnection>(
        'WebhookSubscription.deliveries',
        { page, status, withTotals },
        async (keys) =>
          (await deliveryPagesBySubscription(context.sql, keys, status, window, withTotals)).map(
            (keyed) => toConnection(keyed, window),
          ),
      )
      .load(subscription.key);
  }
}

/** Webhook nodes for `node(id)`: only their owner's key (or ADMIN) sees them. */
export const webhookNodes = {
  WebhookSubscription: ({ sql, viewer }: WebhookContext, key: string) =>
    ownSubscription(sql, viewer, Number(key)),
  WebhookDelivery: ({ sql, viewer }: WebhookContext, key: string) => ownDelivery(sql, viewer, key),
};
