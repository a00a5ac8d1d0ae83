// The TypeScript client kit for partner apps: a typed client, the generated operations and
// types, and the webhook verifier.
export { createClient, GraphQLRequestError, type Client, type ClientOptions } from './client';
export { verifyWebhook, WEBHOOK_HEADERS, type WebhookPayload } from './webhooks';
export * from './generated/graphql';
