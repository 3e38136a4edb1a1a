/** Istanbul has been on UTC+3 all year since 2016: local times carry a fixed +03:00 offset. */
const OFFSET_MS = 3 * 3_600_000;

/** ISO 8601 in Istanbul time, e.g. 2023-04-05T14:03:12+03:00 (with `.SSS` when `millis`). */
export function istanbulTime(utcMs: number, millis = false): string {
  const iso = new Date(utcMs + OFFSET_MS).toISOString();
  return (millis ? iso.slice(0, 23) : iso.slice(0, 19)) + '+03:00';
}

/** UTC milliseconds of a local Istanbul date and time. */
export function istanbulToUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS;
}
