// The registry's upkeep is on the job queue's schedule: every minute, the task the worker knows.
import { parseCrontab } from 'graphile-worker';
import { REGISTRY_CRONTAB, REGISTRY_UPKEEP } from '../../src/cultivation/registry-upkeep';

describe('the registry upkeep schedule', () => {
  it('runs the upkeep task every minute of every hour and day', () => {
    const [item, ...others] = parseCrontab(REGISTRY_CRONTAB);
    expect(others).toEqual([]);
    expect(item.task).toBe(REGISTRY_UPKEEP);
    const minutes = [0, 1, 17, 59].map((minute) =>
      item.match({ min: minute, hour: 3, date: 6, month: 12, dow: 0 }),
    );
    expect(minutes).toEqual([true, true, true, true]);
  });
});
