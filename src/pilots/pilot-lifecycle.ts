// The stages of a pilot enterprise as a table for the one lifecycle machine: forward only, in
// order — enrolled, diagnosed, in transformation, accepted — or withdrawn from any stage before
// acceptance. Every move is the city's governors' (an AUTHORITY whose region contains the city,
// or ADMIN: requireGovernorOf decides who that is before the table is consulted).
import { LifecycleMachine, type Transitions } from '../schema/lifecycle-machine';
import { PilotStage } from './pilot-enums';

/** Who may move a pilot enterprise: the city's governors. */
export enum PilotParty {
  GOVERNOR = 'GOVERNOR',
}

const { ENROLLED, DIAGNOSED, IN_TRANSFORMATION, ACCEPTED, WITHDRAWN } = PilotStage;
const GOVERNORS = [PilotParty.GOVERNOR];

export const PILOT_TRANSITIONS: Transitions<PilotStage, PilotParty> = {
  [ENROLLED]: [
    { to: DIAGNOSED, by: GOVERNORS },
    { to: WITHDRAWN, by: GOVERNORS },
  ],
  [DIAGNOSED]: [
    { to: IN_TRANSFORMATION, by: GOVERNORS },
    { to: WITHDRAWN, by: GOVERNORS },
  ],
  [IN_TRANSFORMATION]: [
    { to: ACCEPTED, by: GOVERNORS },
    { to: WITHDRAWN, by: GOVERNORS },
  ],
  [ACCEPTED]: [],
  [WITHDRAWN]: [],
};

export const pilotLifecycle = new LifecycleMachine({
  subject: 'pilot enterprise',
  field: 'pilotEnterpriseId',
  transitions: PILOT_TRANSITIONS,
  who: {
    [PilotParty.GOVERNOR]: 'an AUTHORITY key of a region containing the city, or an ADMIN key,',
  },
});
