// Input and payload types of the webhook mutations.
import { URLResolver } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { WebhookEventType } from './webhook-enums';
import { WebhookSubscription } from './webhook-subscription.entity';

@InputType({ description: 'Where to POST which changes.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => URLResolver, {
    description:
      'The receiver: https:// (plain http:// only outside production), a public address, no credentials, no redirects; at most 2,048 characters.',
  })
  url!: URL;

  @Field(() => [WebhookEventType], { description: 'The changes to be told about (one or more).' })
  events!: WebhookEventType[];
}

@ObjectType({ description: 'A new subscription and its signing secret.' })
export class CreateWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { description: 'The subscription.' })
  subscription!: WebhookSubscription;

  @Field({
    description:
      'The signing secret, shown once: keep it to verify the SME-Webhook-Signature header. Lost: create a new subscription and delete this one.',
  })
  secret!: string;
}
