// Days and hours of the seeded calendar and history, in Beijing time (UTC+8, no daylight saving).

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** `day` (YYYY-MM-DD) + `offset` days at `hour` o'clock, Beijing time. */
export function beijing(day: string, offset: number, hour: number): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + offset * DAY + hour * HOUR);
}
