// EventFilter, and the SQL conditions each of its fields stands for. Events are listed soonest
// first (by start, then row id) whatever the filter: it is a calendar.
import { Field, InputType } from 'type-graphql';
import { anyOf, type SortColumn } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import { textMatch } from '../db/text-search';
import { withinRegion } from '../regions/region-filter';
import { searchText } from '../schema/input';
import type { CursorShape } from '../schema/pagination';
import {
  EnterpriseScale,
  SpecializationLevel,
  specializationsAtOrBelow,
} from '../services/eligibility';
import { EventKind, EventStatus } from './event-enums';

@InputType({ description: 'Narrows a list of events; every field given must hold.' })
export class EventFilter {
  @Field(() => String, {
    nullable: true,
    description: 'The region and everything below it: 44 (Guangdong), 4419 or 441900 (Dongguan).',
  })
  regionCode?: string | null;

  @Field(() => [EventKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: EventKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'This service category or any of its sub-categories (FIN, FIN-LOAN …).',
  })
  categoryCode?: string | null;

  @Field(() => [EventStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: EventStatus[] | null;

  @Field(() => Date, { nullable: true, description: 'Starting at or after this time.' })
  startsFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Starting before this time.' })
  startsBefore?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only events whose registration is open and that have a seat left (true), or only the others (false).',
  })
  openForRegistration?: boolean | null;

  @Field(() => EnterpriseScale, {
    nullable: true,
    description:
      'Only events this enterprise may join: open to its scale (events listing no scale are open to all).',
  })
  scale?: EnterpriseScale | null;

  @Field(() => SpecializationLevel, {
    nullable: true,
    description:
      'Only events this enterprise may join: minimum standing at or below it (NONE < SPECIALIZED < LITTLE_GIANT).',
  })
  specialization?: SpecializationLevel | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words in the Chinese or English title, by substring or fuzzy match (融资, financing, finacing).',
  })
  search?: string | null;
}

/** Soonest first: the start as seconds since the epoch, then the row id. */
export const SOONEST_FIRST: SortColumn[] = [
  { sql: 'extract(epoch FROM t.starts_at)::float8', type: 'float8' },
  { sql: 't.id', type: 'int' },
];
export const EVENT_CURSOR: CursorShape = ['float', 'int'];

/** SQL for "the event (alias `t`) is SCHEDULED / CANCELLED / COMPLETED at `now`". */
function statusCondition(status: EventStatus, now: () => string): string {
  switch (status) {
    case EventStatus.CANCELLED:
      return 't.cancelled_at IS NOT NULL';
    case EventStatus.COMPLETED:
      return `(t.cancelled_at IS NULL AND t.ends_at <= ${now()})`;
    case EventStatus.SCHEDULED:
      return `(t.cancelled_at IS NULL AND t.ends_at > ${now()})`;
  }
}

/** SQL for "the event (alias `t`) takes registrations at `now` and has a seat left". */
export const openCondition = (now: string) =>
  `(t.cancelled_at IS NULL AND t.registration_closes_at > ${now} AND t.confirmed_count < t.capacity)`;

/** SQL for "an enterprise of this scale and standing may join the event (alias `t`)". */
export function eligibilityConditions(
  scale: EnterpriseScale | null | undefined,
  specialization: SpecializationLevel | null | undefined,
  params: SqlParameters,
): string[] {
  const where: string[] = [];
  if (scale) {
    where.push(
      `(cardinality(t.eligible_scales) = 0 OR ${params.add(scale)}::enterprise_scale = ANY(t.eligible_scales))`,
    );
  }
  if (specialization) {
    where.push(
      ...anyOf(
        't.min_specialization',
        specializationsAtOrBelow(specialization),
        'specialization_level',
        params,
      ),
    );
  }
  return where;
}

/**
 * The WHERE conditions of a filtered list of events (alias `t`) at `now`; `categoryKeys` is the
 * category filter's category and sub-categories. A title search is marked heavy.
 */
export function eventConditions(
  filter: EventFilter | null | undefined,
  params: SqlParameters,
  categoryKeys: number[] | null,
  now: Date,
): { where: string[]; heavy: boolean } {
  const where: string[] = [];
  if (!filter) return { where, heavy: false };
  where.push(...withinRegion('t.region_code', filter.regionCode, params));
  where.push(...anyOf('t.kind', filter.kind, 'event_kind', params));
  if (categoryKeys) where.push(`t.category_id = ANY(${params.add(categoryKeys)}::int[])`);
  // "Now" becomes a parameter only when a condition uses it: an unused one has no type.
  let at: string | undefined;
  const nowParam = () => (at ??= `${params.add(now)}::timestamptz`);
  if (filter.status?.length) {
    const statuses = [...new Set(filter.status)];
    where.push(`(${statuses.map((status) => statusCondition(status, nowParam)).join(' OR ')})`);
  }
  if (filter.startsFrom) where.push(`t.starts_at >= ${params.add(filter.startsFrom)}::timestamptz`);
  if (filter.startsBefore)
    where.push(`t.starts_at < ${params.add(filter.startsBefore)}::timestamptz`);
  if (filter.openForRegistration !== null && filter.openForRegistration !== undefined) {
    const open = openCondition(nowParam());
    where.push(filter.openForRegistration ? open : `NOT ${open}`);
  }
  where.push(...eligibilityConditions(filter.scale, filter.specialization, params));
  const text = searchText(filter.search, 'filter.search');
  if (text) where.push(textMatch(['t.title', 't.title_en'], text, params).condition);
  return { where, heavy: text !== null };
}
