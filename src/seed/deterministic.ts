// Seeded choices for the seed: the same key always gives the same number, on every machine,
// so the network is identical wherever it is built.
import { createHash } from 'node:crypto';

/** A number in [0, 1) fixed by the key. */
export function chance(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** A whole number in [min, max] fixed by the key. */
export function between(key: string, min: number, max: number): number {
  return min + Math.floor(chance(key) * (max - min + 1));
}

export function pick<T>(key: string, items: readonly T[]): T {
  return items[Math.floor(chance(key) * items.length)];
}

/** Picks by weight: `[[value, weight], …]`. */
export function weighted<T>(key: string, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = chance(key) * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1][0];
}

/** `count` distinct items, in a fixed order. */
export function sample<T>(key: string, items: readonly T[], count: number): T[] {
  return shuffled(key, items).slice(0, count);
}

/** The items ordered by their keyed hash: a fixed permutation. */
export function shuffled<T>(
  key: string,
  items: readonly T[],
  keyOf: (item: T) => string = String,
): T[] {
  return items
    .map((item) => ({ item, rank: chance(`${key}:${keyOf(item)}`) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ item }) => item);
}

/** `count` distinct items drawn by a keyed stream of numbers (cheaper than a hash per item). */
export function draw<T>(key: string, items: readonly T[], count: number): T[] {
  const random = seededRandom(Math.floor(chance(key) * 2 ** 32));
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/** A seeded stream of numbers in [0, 1) (mulberry32), for tests and benchmarks that must ask the same questions every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
