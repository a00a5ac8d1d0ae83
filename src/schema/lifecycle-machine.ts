// One machine for every lifecycle of the network (referrals, registrations, and the programmes'
// to come): a domain hands it a transition table — which status may follow which, and which
// parties may make each move — and gets one check with one refusal shape. Modelled on Vendure's
// FiniteStateMachine over `Transitions<State>`; hand-written because the refusals must name the
// parties in our words, and the whole machine is a lookup in a table.
import { badInput, forbidden } from './errors';

/** One move of a table: to which status, and who may make it. Domains may add their own terms. */
export interface Move<State extends string, Party extends string> {
  to: State;
  by: readonly Party[];
}

/** Every status with the moves out of it; a final status has none. */
export type Transitions<
  State extends string,
  Party extends string,
  M extends Move<State, Party> = Move<State, Party>,
> = Record<State, readonly M[]>;

export interface LifecycleDefinition<
  State extends string,
  Party extends string,
  M extends Move<State, Party>,
> {
  /** What moves through it, as refusals name it: `referral`. */
  subject: string;
  /** The input field a move that cannot follow is reported on. */
  field: string;
  transitions: Transitions<State, Party, M>;
  /** Each party as a sentence names it: `an admin`. */
  who: Record<Party, string>;
}

export class LifecycleMachine<
  State extends string,
  Party extends string,
  M extends Move<State, Party> = Move<State, Party>,
> {
  constructor(readonly definition: LifecycleDefinition<State, Party, M>) {}

  /** The statuses that may follow `from`, in the table's order. */
  allowedNext(from: State): State[] {
    return this.definition.transitions[from].map((move) => move.to);
  }

  /**
   * The move from `from` to `to`, when the table has it and one of `parties` may make it.
   * Otherwise BAD_USER_INPUT naming the status and the moves out of it, or FORBIDDEN naming who
   * may and what these parties may set instead (the moves `open` lets through, all by default).
   */
  check(
    from: State,
    to: State,
    parties: readonly Party[],
    open: (move: M) => boolean = () => true,
  ): M {
    const { subject, field, transitions, who } = this.definition;
    const move = transitions[from].find((candidate) => candidate.to === to);
    if (!move) {
      const next = this.allowedNext(from);
      throw badInput(
        next.length === 0
          ? `the ${subject} is ${from}, a final status: it cannot change any more`
          : `the ${subject} is ${from}: it can move to ${next.join(', ')}, not to ${to}`,
        field,
      );
    }
    const mayMake = (candidate: M) => candidate.by.some((party) => parties.includes(party));
    if (!mayMake(move)) {
      const yours = transitions[from].filter((candidate) => mayMake(candidate) && open(candidate));
      const instead = yours.length
        ? ` You may set ${yours.map((candidate) => candidate.to).join(', ')}.`
        : '';
      throw forbidden(
        `only ${move.by.map((party) => who[party]).join(' or ')} may move a ${from} ${subject} to ${to}.${instead}`,
      );
    }
    return move;
  }
}
