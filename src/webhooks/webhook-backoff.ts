// When a failed delivery is tried again: exponential backoff with jitter. The wait after attempt
// n is drawn from [d/2, d] with d = min(base × 2^(n−1), max) — "equal jitter": retries of many
// deliveries that failed together (a receiver was down) spread out instead of arriving at once,
// and no wait is shorter than half its step, so a struggling receiver is not hammered.
export interface RetrySchedule {
  retryBaseMs: number;
  retryMaxMs: number;
}

/** Milliseconds to wait after attempt `attempt` (1-based) failed. */
export function retryDelayMs(
  attempt: number,
  { retryBaseMs, retryMaxMs }: RetrySchedule,
  random: () => number = Math.random,
): number {
  const step = Math.min(retryBaseMs * 2 ** Math.min(attempt - 1, 30), retryMaxMs);
  return Math.round(step / 2 + (step / 2) * random());
}
