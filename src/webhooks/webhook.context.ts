// The narrow request context the webhooks domain declares; src/app assembles it.
import type { Viewer } from '../auth/viewer';
import type { WebhookConfig } from '../config';
import type { Sql } from '../db/sql';
import type { ConnectionLoaders } from '../schema/connection-loaders';
import type { Resolver } from './webhook-targets';

/** What the webhooks' resolvers need of a request. */
export interface WebhookContext {
  sql: Sql;
  viewer: Viewer;
  connections: ConnectionLoaders;
  /** Null where the server was not given webhook settings (webhooks are off). */
  webhooks: WebhookSettings | null;
}

export interface WebhookSettings extends WebhookConfig {
  /** Host name lookups of URL checks; the system's resolver unless a test hands in its own. */
  resolve?: Resolver;
}
