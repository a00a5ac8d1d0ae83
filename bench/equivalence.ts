// Before the API and the peer are timed on an operation: do they give the same answer? A few
// bodies are sent to both; the peer's field names are renamed to the API's and the two `data`
// trees must then be identical — the same codes, names and values, in the same order.
import type { Operation, PeerQuery } from './operations';

const CHECKED_BODIES = 5;

async function post(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors || !answer.data) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return answer.data;
}

function renamed(value: unknown, renames: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((item) => renamed(item, renames));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [renames[key] ?? key, renamed(item, renames)]),
  );
}

/** Where two JSON trees first differ, as a path such as `institutions.nodes[3].name`. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at} (${a.length} items vs ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        at ? `${at}.${key}` : key,
      );
      if (found) return found;
    }
    return null;
  }
  return a === b ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** How many items an answer holds: a check that compares two empty lists proves nothing. */
function items(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((sum, item) => sum + items(item), 0);
  if (value && typeof value === 'object') {
    return Object.values(value).reduce((sum: number, item) => sum + items(item), 0);
  }
  return 0;
}

/**
 * Sends up to five of the operation's bodies to the API and their counterparts to a peer (named
 * `label` in the error); throws, naming the first difference, unless every pair of answers is the
 * same and not empty.
 */
export async function checkSameAnswers(
  op: Operation,
  peer: PeerQuery,
  label: string,
  apiUrl: string,
  peerUrl: string,
): Promise<void> {
  const step = Math.max(1, Math.floor(op.bodies.length / CHECKED_BODIES));
  for (let i = 0; i < op.bodies.length && i < step * CHECKED_BODIES; i += step) {
    const api = await post(apiUrl, op.bodies[i]);
    const other = renamed(await post(peerUrl, peer.bodies[i]), peer.renames);
    const difference = firstDifference(api, other);
    if (difference) {
      throw new Error(
        `${op.name}: the API and ${label} answer body ${i} differently, at ${difference}\n` +
          `  body: ${op.bodies[i]}`,
      );
    }
    if (items(api) === 0) throw new Error(`${op.name}: body ${i} finds nothing on either side`);
  }
}
