// What the registry (src/cultivation) says of an enterprise, as the domains below it ask: the
// referrals, event registrations and the one-stop lookup check eligibility against it, never
// against a level a partner declared. The registry answers; src/app hands its reader to every
// request (ServiceContext.registry), so that these domains need not know the registry's tables.
import type { SqlRunner } from '../db/sql';
import { DomainError } from '../schema/errors';
import {
  admitsScale,
  admitsSpecialization,
  type EligibilityRule,
  type EnterpriseScale,
  type SpecializationLevel,
} from './eligibility';

/** `extensions.reason` of an eligibility refusal, spelled as the events' RefusalReason spells it. */
const NOT_ELIGIBLE = 'NOT_ELIGIBLE';

/** An enterprise as the registry holds it today. */
export interface VerifiedStanding {
  creditCode: string;
  /** The stored scale (the registry's, once a granted list named the enterprise). */
  scale: EnterpriseScale;
  /** LITTLE_GIANT or SPECIALIZED while such a designation is valid today, else NONE. */
  level: SpecializationLevel;
  /** Its valid designations today, in words for refusals: `SPECIALIZED_SME (2024-1, valid through 2027-06-01)`. */
  live: string[];
}

export interface RegistryReader {
  /**
   * The standing of the enterprise (row id). Call it in the transaction that will act on it,
   * after a statement that locked the enterprise's row (upsertEnterprise does): a revocation locks
   * that row FOR UPDATE, so it either committed before the lock was granted — and this statement,
   * which starts after, sees it — or waits until the caller's transaction ends. Read before the
   * lock, a revocation committed while waiting would go unseen (the statement's snapshot is older).
   */
  standingOf(transaction: SqlRunner, enterpriseId: number): Promise<VerifiedStanding>;
  /** The verified level of the enterprise with this credit code; NONE when it is unknown. */
  levelOf(sql: SqlRunner, creditCode: string): Promise<SpecializationLevel>;
}

/**
 * BAD_USER_INPUT with reason NOT_ELIGIBLE (as events' refusals name it) when `what` (`service
 * 42`, `event FIN-2027-001`) is not open to the enterprise as the registry holds it: its scale
 * among the eligible ones, its verified level at or above the minimum.
 */
export function checkVerifiedEligibility(
  rule: EligibilityRule,
  standing: VerifiedStanding,
  what: string,
): void {
  if (!admitsScale(rule, standing.scale)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${what} is open to ${rule.eligibleScales.join('/')} enterprises only, and ${standing.creditCode} is ${standing.scale}: choose one open to its scale`,
      'enterprise.scale',
      { reason: NOT_ELIGIBLE },
    );
  }
  if (!admitsSpecialization(rule, standing.level)) {
    const held =
      standing.live.length === 0
        ? `the registry holds no live designation for ${standing.creditCode}`
        : `the registry holds ${standing.live.join(' and ')} for ${standing.creditCode}`;
    throw new DomainError(
      'BAD_USER_INPUT',
      `${what} requires ${rule.minSpecialization}; ${held} (a declared specialization does not count): choose one open to its standing`,
      'enterprise.creditCode',
      { reason: NOT_ELIGIBLE },
    );
  }
}
