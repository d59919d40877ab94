import { expiryInstant } from './format.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Returns a function that counts the calendar days from the browser's current date to the date of
 * an expiry: 0 for today, 1 for tomorrow, -3 for three days ago. A date-only expiry is that calendar
 * date wherever the browser is. A timestamp falls on the date it has in the browser's timezone.
 *
 * Both dates become day numbers of a proleptic UTC calendar before they are subtracted, so a day of
 * 23 or 25 hours at a daylight-saving change still counts as one day.
 */
export function calendarDayCounter(now: number): (expiresAt: string) => number {
  // The default timezone of Intl.DateTimeFormat is the browser's. One formatter serves every row.
  const local = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', calendar: 'gregory', numberingSystem: 'latn' });
  const dayNumber = (instant: number): number => {
    const parts: Record<string, number> = {};
    for (const part of local.formatToParts(instant)) parts[part.type] = Number(part.value);
    return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']) / DAY_MS;
  };
  const today = dayNumber(now);

  return (expiresAt) => {
    const date = DATE_ONLY.exec(expiresAt);
    const day = date === null ? dayNumber(expiryInstant(expiresAt)) : Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) / DAY_MS;
    return day - today;
  };
}

/**
 * Returns a function that phrases a number of calendar days from today in `locale`: "today",
 * "in 12 days", "3 days ago". The Intl formatter is made once, for many rows.
 */
export function relativeDayFormatter(locale: string): (days: number) => string {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return (days) => relative.format(days, 'day');
}
