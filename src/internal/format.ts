const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Formats a date-only value or a timestamp as a medium date in `locale`. A date-only value is a
 * calendar date, so it is formatted in UTC and shows the same day in every timezone.
 */
export function formatDate(value: string, locale: string): string {
  return dateFormatter(locale)(value);
}

/**
 * Returns a function that formats dates as {@link formatDate} does, with its Intl formatters made
 * once: constructing them costs far more than formatting, which matters for many rows.
 */
export function dateFormatter(locale: string): (value: string) => string {
  const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const localDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (value) => (DATE_ONLY.test(value) ? calendarDate.format(new Date(`${value}T00:00:00Z`)) : localDate.format(new Date(value)));
}

/** Formats an integer count with the locale's grouping. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * Returns the instant a license stops being valid: the end of the UTC day for a date-only value,
 * the timestamp itself otherwise.
 */
export function expiryInstant(expiresAt: string): number {
  if (DATE_ONLY.test(expiresAt)) return Date.parse(`${expiresAt}T00:00:00Z`) + 86_400_000;
  return Date.parse(expiresAt);
}
