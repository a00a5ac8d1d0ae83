// The seeded calendar of events, computed from the planned network and the day the seed first ran
// (stored in seed_info, so that a database seeded months ago keeps its calendar): the events the
// centres organize (event-plan.ts), the enterprises that registered (enterprise-plan.ts), who came
// and what came of the matchmaking (registration-plan.ts) — past and upcoming, some full with a
// waitlist, one called off. Pure and deterministic: the same network and day always give the same
// plan.
import { beijing } from './beijing-time';
import type { RegionSeed } from './divisions';
import { enterprisesByProvince, type EnterpriseSeed } from './enterprise-plan';
import { planEvents, type EventSeed } from './event-plan';
import type { InstitutionRow } from './network-plan';
import { settleEvent, type OutcomeSeed, type RegistrationSeed } from './registration-plan';

export interface CalendarPlan {
  events: EventSeed[];
  enterprises: EnterpriseSeed[];
  registrations: RegistrationSeed[];
  outcomes: OutcomeSeed[];
}

/**
 * The calendar around `seededOn` (YYYY-MM-DD, Beijing time) for the planned regions and
 * institutions (a part of the network gives the part of the calendar its centres organize).
 */
export function planCalendar(
  regions: readonly RegionSeed[],
  institutions: readonly InstitutionRow[],
  seededOn: string,
): CalendarPlan {
  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  const pools = enterprisesByProvince(regionByCode, institutions);
  const everyone = [...pools.values()].flat();
  const drafts = planEvents(regions, institutions, seededOn);

  // The seed "runs" at noon of its day: events before it have taken place.
  const seededAt = beijing(seededOn, 0, 12);
  const plan: CalendarPlan = { events: [], enterprises: [], registrations: [], outcomes: [] };
  const registered = new Set<string>();
  for (const { draft, organizer } of drafts) {
    const pool = draft.from === 'ALL' ? everyone : (pools.get(draft.from) ?? []);
    const settled = settleEvent(draft, pool, seededAt, organizer.name);
    plan.events.push(settled.event);
    plan.registrations.push(...settled.registrations);
    plan.outcomes.push(...settled.outcomes);
    for (const registration of settled.registrations) registered.add(registration.creditCode);
  }
  plan.enterprises = everyone.filter((enterprise) => registered.has(enterprise.creditCode));
  return plan;
}
