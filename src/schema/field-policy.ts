// Policy declared on the field it governs, as GraphQL field extensions (type-graphql's
// @Extensions): what the field costs beyond "1 per item", whether a mutation changes what
// anonymous readers see, and a longer time limit. The plugins that enforce a policy read it from
// the executable schema, so a renamed or new field carries its policy with it — there is no list
// of field names to keep in step. Who may call a field is declared with @Allow (src/auth).
import type { GraphQLField, GraphQLNamedType } from 'graphql';
import { Extensions } from 'type-graphql';

/** The argument values of a field, variables and defaults substituted. */
export type FieldArguments = Readonly<Record<string, unknown>>;

/** Rows of the database's tables, as last counted: what a cost may grow with. */
export interface DataVolume {
  rows(table: string): number;
}

/**
 * What a field costs beyond "1 per item": how many items it returns when `first`/`last` do not
 * say (`multiplier`), and database work that does not follow its page size, such as a text
 * search or a figure over a whole table (`surcharge`, points added once per occurrence of the
 * field, or once per request with `oncePerRequest`).
 */
export interface CostRule {
  multiplier?(args: FieldArguments): number;
  surcharge?(args: FieldArguments, volume: DataVolume): number;
  /**
   * One statement answers every occurrence of the field in a request (a loader batches them
   * all): the surcharge counts once per request — the largest asked — not once per parent item.
   */
  oncePerRequest?: boolean;
}

/** What a mutation does to the answers anonymous readers may have been served. */
export enum CacheEffect {
  /** Changes nothing anonymous readers see (referrals, feedback, webhooks: all behind a key). */
  NONE = 'NONE',
  /** Changes what anonymous readers see: once it answered, cached anonymous answers go. */
  PUBLIC_DATA = 'PUBLIC_DATA',
  /**
   * Changes what anonymous readers see and announces it itself, in the transaction that commits
   * it (the directory import, which its CLI runs too): nothing more to do after the field.
   */
  ANNOUNCED_BY_COMMIT = 'ANNOUNCED_BY_COMMIT',
}

/** The extensions this module declares, as they sit on a field or type of the schema. */
interface PolicyExtensions {
  cost?: CostRule;
  cacheEffect?: CacheEffect;
  /** A deadline of its own instead of REQUEST_TIMEOUT_MS, for a mutation sent alone. */
  timeoutMs?: number;
  /** On a connection type: the page size of a field that gives neither `first` nor `last`. */
  defaultPage?: number;
}

/** The field's cost rule: a multiplier and/or a surcharge. */
export const Cost = (rule: CostRule) => Extensions({ cost: rule } satisfies PolicyExtensions);

/** What the mutation does to cached anonymous answers (every mutation declares it). */
export const ChangesCache = (effect: CacheEffect) =>
  Extensions({ cacheEffect: effect } satisfies PolicyExtensions);

/** The mutation, sent alone, may run for `timeoutMs` rather than REQUEST_TIMEOUT_MS. */
export const LongRunning = (timeoutMs: number) =>
  Extensions({ timeoutMs } satisfies PolicyExtensions);

/** The type is a paged list: a field of it without `first`/`last` returns `defaultPage` items. */
export const Paged = (defaultPage: number) =>
  Extensions({ defaultPage } satisfies PolicyExtensions);

const policyOf = (field: { extensions?: unknown } | undefined): PolicyExtensions =>
  (field?.extensions ?? {}) as PolicyExtensions;

export const costRuleOf = (field: GraphQLField<unknown, unknown> | undefined) =>
  policyOf(field).cost;
export const cacheEffectOf = (field: GraphQLField<unknown, unknown> | undefined) =>
  policyOf(field).cacheEffect;
export const timeoutOf = (field: GraphQLField<unknown, unknown> | undefined) =>
  policyOf(field).timeoutMs;
export const defaultPageOf = (type: GraphQLNamedType | undefined) => policyOf(type).defaultPage;
