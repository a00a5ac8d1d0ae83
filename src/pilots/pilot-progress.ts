// A progress row as the API shows it: the share at level two or above, the yuan as a Float.
import type { PilotProgressRow } from './pilot-progress.queries';
import type { PilotProgress } from './pilot.types';

export function progressOf(row: PilotProgressRow): PilotProgress {
  return {
    ...row,
    atLevelTwoOrAboveShare: row.accepted === 0 ? null : row.atLevelTwoOrAbove / row.accepted,
    subsidyPaidYuan: Number(row.subsidyPaidYuan),
  };
}
