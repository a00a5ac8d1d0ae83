// Verifying a webhook delivery: the README's snippet, word for word (a test keeps them equal).
// The signature is the hex HMAC-SHA256 of `<SME-Webhook-Timestamp>.<raw body>` keyed with the
// secret's UTF-8 bytes; deliveries older (or newer) than the tolerance are replays.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers['sme-webhook-timestamp']);
  const signature = String(headers['sme-webhook-signature'] ?? '');
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.${rawBody}`, 'utf8')
    .digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The headers every delivery carries (Node lower-cases incoming header names). */
export const WEBHOOK_HEADERS = {
  id: 'sme-webhook-id',
  event: 'sme-webhook-event',
  attempt: 'sme-webhook-attempt',
  timestamp: 'sme-webhook-timestamp',
  signature: 'sme-webhook-signature',
} as const;

/** The JSON body of a delivery. */
export interface WebhookPayload {
  /** The delivery id: the same on every attempt, for deduplication. */
  id: string;
  type: 'REFERRAL_CREATED' | 'REFERRAL_STATUS_CHANGED' | 'EVENT_REGISTRATION_CHANGED';
  createdAt: string;
  data: Record<string, unknown>;
}
