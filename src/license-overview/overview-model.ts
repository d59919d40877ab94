/**
 * The overview's derived data: each license's status, seats and days left, the summary, and the
 * filtered and sorted rows. Pure functions, so the element only renders.
 */
import type { License } from '../adapter/types.js';
import { calendarDayCounter } from '../internal/calendar.js';
import { expiryInstant } from '../internal/format.js';

/** Status the overview shows for one license, derived from its fields. */
export type DisplayStatus = 'active' | 'expiring' | 'expired' | 'over-allocated' | 'unlimited' | 'suspended';

/** Columns the list can be sorted by. */
export type SortColumn = 'product' | 'seats' | 'expiry' | 'status';

/** The column the list is sorted by and its direction, named as `aria-sort` names it. */
export interface SortOrder {
  column: SortColumn;
  direction: 'ascending' | 'descending';
}

/** One license with what the overview derives from it. */
export interface Row {
  license: License;
  status: DisplayStatus;
  /** Seats in use, or `null` when missing or not a count of at least 0. */
  used: number | null;
  /** Seats bought, `'unlimited'`, or `null` when missing or not a count of at least 0. */
  total: number | 'unlimited' | null;
  /** Calendar days from today to the expiry date, negative once past; `null` for a perpetual license. */
  daysLeft: number | null;
}

/** Totals shown above the list. */
export interface Summary {
  licenses: number;
  /** Seats in use on the licenses with a known number of bought seats and a known number in use. */
  seatsUsed: number;
  /** Seats bought on those same licenses; unlimited and unknown totals are left out. */
  seatsBought: number;
  /** Licenses that are expired, expiring soon, over-allocated or suspended. */
  needAttention: number;
}

/** Statuses that need an administrator's attention. */
export const ATTENTION_STATUSES: readonly DisplayStatus[] = ['expired', 'suspended', 'expiring', 'over-allocated'];

/** Status order when sorting by status, most urgent first. */
const STATUS_ORDER: readonly DisplayStatus[] = [...ATTENTION_STATUSES, 'active', 'unlimited'];

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Derives the status shown for `license` at `now` (milliseconds since the epoch). Expiry wins over
 * seat problems, because an expired license needs attention first. A license is expiring soon when
 * at most `expiringSoonDays` calendar days are left; `daysLeft` is that count.
 */
export function statusOf(license: License, expiringSoonDays: number, now: number, daysLeft: number | null): DisplayStatus {
  if (license.status === 'suspended') return 'suspended';
  if (license.status === 'expired' || (license.expiresAt !== null && expiryInstant(license.expiresAt) <= now)) return 'expired';
  if (daysLeft !== null && daysLeft <= expiringSoonDays) return 'expiring';

  const { seatsUsed, seatsTotal } = license;
  if (isCount(seatsTotal) && isCount(seatsUsed) && seatsUsed > seatsTotal) return 'over-allocated';
  if (seatsTotal === 'unlimited') return 'unlimited';
  return 'active';
}

/** Derives a row for each license at `now`. */
export function toRows(licenses: readonly License[], expiringSoonDays: number, now: number): Row[] {
  const daysUntil = calendarDayCounter(now);
  return licenses.map((license) => {
    const daysLeft = license.expiresAt === null ? null : daysUntil(license.expiresAt);
    return {
      license,
      status: statusOf(license, expiringSoonDays, now, daysLeft),
      used: isCount(license.seatsUsed) ? license.seatsUsed : null,
      total: license.seatsTotal === 'unlimited' || isCount(license.seatsTotal) ? license.seatsTotal : null,
      daysLeft,
    };
  });
}

/** Adds up the rows for the summary. */
export function summarize(rows: readonly Row[]): Summary {
  const summary: Summary = { licenses: rows.length, seatsUsed: 0, seatsBought: 0, needAttention: 0 };
  for (const { used, total, status } of rows) {
    if (typeof total === 'number' && used !== null) {
      summary.seatsUsed += used;
      summary.seatsBought += total;
    }
    if (ATTENTION_STATUSES.includes(status)) summary.needAttention++;
  }
  return summary;
}

/**
 * Keeps the rows whose product or key contains `text` (ignoring case and surrounding spaces) and
 * whose status is `status`, or any status for `'all'`.
 */
export function filterRows(rows: readonly Row[], text: string, status: DisplayStatus | 'all'): Row[] {
  const needle = text.trim().toLocaleLowerCase();
  return rows.filter(
    (row) =>
      (status === 'all' || row.status === status) &&
      (needle === '' || row.license.product.toLocaleLowerCase().includes(needle) || row.license.key.toLocaleLowerCase().includes(needle)),
  );
}

/**
 * Sorts a copy of `rows` by `order`, comparing products with `locale`'s collation. Unknown seat
 * counts and perpetual expiries sort as the largest values. Equal rows keep the adapter's order.
 */
export function sortRows(rows: readonly Row[], order: SortOrder | undefined, locale: string): Row[] {
  if (order === undefined) return [...rows];

  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sortValue = (row: Row): number => {
    switch (order.column) {
      case 'seats':
        return row.used ?? Number.POSITIVE_INFINITY;
      case 'expiry':
        return row.license.expiresAt === null ? Number.POSITIVE_INFINITY : expiryInstant(row.license.expiresAt);
      default:
        return STATUS_ORDER.indexOf(row.status);
    }
  };
  const compare =
    order.column === 'product'
      ? (a: Row, b: Row) => collator.compare(a.license.product, b.license.product)
      : (a: Row, b: Row) => {
          const difference = sortValue(a) - sortValue(b);
          return Number.isNaN(difference) ? 0 : difference;
        };
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b));
}

/** Keys up to this length show whole; longer ones are shortened in the middle. */
const SHORT_KEY_LENGTH = 32;

/**
 * Shortens a long key in the middle for display: `4F81A2-9C03D…D5B36-V3`. Line breaks and runs of
 * spaces show as one space. Copying always uses the whole key.
 */
export function shortenKey(key: string): string {
  const flat = key.trim().replace(/\s+/g, ' ');
  return flat.length <= SHORT_KEY_LENGTH ? flat : `${flat.slice(0, 12)}…${flat.slice(-8)}`;
}
