// Every migration, oldest first. `npm run migration:generate` writes a new file here: add it
// to this list in the same commit.
import { Network1795374345446 } from './1795374345446-Network';
import { Referrals1795376886081 } from './1795376886081-Referrals';
import { KeyBudgets1795900000000 } from './1795900000000-KeyBudgets';
import { PageIndexes1796000000000 } from './1796000000000-PageIndexes';
import { Events1796100000000 } from './1796100000000-Events';
import { KeyWritePositions1796200000000 } from './1796200000000-KeyWritePositions';
import { PersistedQueries1796300000000 } from './1796300000000-PersistedQueries';
import { GovernmentOperations1796400000000 } from './1796400000000-GovernmentOperations';
import { Webhooks1796500000000 } from './1796500000000-Webhooks';
import { WorkingCalendar1796610000000 } from './1796610000000-WorkingCalendar';
import { Cultivation1796700000000 } from './1796700000000-Cultivation';
import { Registry1796710000000 } from './1796710000000-Registry';
import { Pilots1796800000000 } from './1796800000000-Pilots';
import { Appeals1796900000000 } from './1796900000000-Appeals';
import { Policies1796850000000 } from './1796850000000-Policies';

export const migrations = [
  Network1795374345446,
  Referrals1795376886081,
  KeyBudgets1795900000000,
  PageIndexes1796000000000,
  Events1796100000000,
  KeyWritePositions1796200000000,
  PersistedQueries1796300000000,
  GovernmentOperations1796400000000,
  Webhooks1796500000000,
  WorkingCalendar1796610000000,
  Cultivation1796700000000,
  Registry1796710000000,
  Pilots1796800000000,
  Policies1796850000000,
  Appeals1796900000000,
];
