/**
 * Validation of adapter answers against the contract, before anything is rendered.
 *
 * The validator is written here rather than taken from a schema library because of the bundle
 * budget: the same checks written with valibot 1.5 weighed 3.4 KB minified and gzipped (esbuild
 * --minify, gzip -9), against 1.4 KB for this module, in a budget of 14 KB per element.
 */
import { LicenseError } from './errors.js';
import type {
  ActivationResult,
  CurrentUser,
  GroupedKeyFormat,
  KeyFormats,
  License,
  LicenseStatus,
  OfflineChallenge,
  SubmitResult,
} from './types.js';

/** Thrown by a check with the path of the invalid field and what it must be. */
class InvalidField extends Error {
  constructor(
    readonly path: string,
    readonly expectation: string,
  ) {
    super(`field "${path}" must be ${expectation}`);
  }
}

/** Validates `value` at `path` and returns it typed, or throws {@link InvalidField}. */
type Check<T> = (value: unknown, path: string) => T;

const join = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);

function rule<T>(test: (value: unknown) => boolean, expectation: string): Check<T> {
  return (value, path) => {
    if (!test(value)) throw new InvalidField(path || '(root)', expectation);
    return value as T;
  };
}

/** A date-only value or an ISO 8601 timestamp; the capture groups are year, month and day. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Checks that `value` is a date-only value or an ISO 8601 timestamp on a day that exists. `Date.parse`
 * alone is not enough, because V8's turns 2027-02-30 into March 2 and accepts text such as "1".
 */
function isDateString(value: unknown): boolean {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match === null || Number.isNaN(Date.parse(value as string))) return false;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

const string = rule<string>((value) => typeof value === 'string', 'a string');
const nonEmptyString = rule<string>((value) => typeof value === 'string' && value !== '', 'a non-empty string');
const boolean = rule<boolean>((value) => typeof value === 'boolean', 'a boolean');
const count = rule<number>(isCount, 'a finite number of at least 0');
const dateString = rule<string>(isDateString, 'a date (YYYY-MM-DD) or an ISO 8601 timestamp');
const status = rule<LicenseStatus>((value) => value === 'active' || value === 'expired' || value === 'suspended', 'one of active, expired, suspended');

function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path) => (value === undefined ? undefined : check(value, path));
}

function object<T>(shape: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidField(path || '(root)', 'an object');
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(shape) as (keyof T & string)[]) {
      const checked = shape[key]((value as Record<string, unknown>)[key], join(path, key));
      if (checked !== undefined) result[key] = checked;
    }
    return result as T;
  };
}

function array<T>(check: Check<T>): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new InvalidField(path || '(root)', 'an array');
    return value.map((item, index) => check(item, join(path, index)));
  };
}

/** Seat counts a backend could not supply correctly render as "unknown" instead of failing the whole list. */
const seatsUsed: Check<number | null> = (value) => (isCount(value) ? value : null);
const seatsTotal: Check<number | 'unlimited' | null> = (value) => (value === 'unlimited' || isCount(value) ? value : null);

const license = object<License>({
  id: nonEmptyString,
  product: string,
  key: nonEmptyString,
  seatsUsed,
  seatsTotal,
  issuedAt: dateString,
  expiresAt: nullable(dateString),
  status,
});

const currentUser = object<CurrentUser>({ username: string, displayName: string, role: string, canManageLicenses: boolean });

const offlineChallenge = object<OfflineChallenge>({
  id: nonEmptyString,
  challengeKey: nonEmptyString,
  lifetimeSeconds: count,
  expiresInSeconds: count,
  issuedAt: dateString,
  product: optional(string),
});

const activationResult = object<ActivationResult>({ license, previous: optional(license) });

const submitResult: Check<SubmitResult> = (value, path) => {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'activated') return { kind, ...activationResult(value, path) };
  if (kind === 'challenge') return { kind, challenge: offlineChallenge((value as { challenge: unknown }).challenge, 'challenge') };
  throw new InvalidField('kind', 'either "activated" or "challenge"');
};

const groupedKeyFormat = object<GroupedKeyFormat>({
  alphabet: rule<string>((value) => typeof value === 'string' && value.length >= 2 && new Set(value).size === value.length, 'at least two distinct symbols'),
  groupSizes: rule<number[]>(
    (value) => Array.isArray(value) && value.length > 0 && value.every((size) => Number.isInteger(size) && size > 0),
    'a non-empty array of positive integers',
  ),
  separator: string,
  lookAlikes: optional(
    rule<Record<string, string>>(
      (value) => typeof value === 'object' && value !== null && Object.values(value).every((symbol) => typeof symbol === 'string'),
      'an object of strings',
    ),
  ),
  groupCheck: optional(rule<'luhn'>((value) => value === 'luhn', '"luhn"')),
});

const keyFormats = object<KeyFormats>({ licenseKey: optional(groupedKeyFormat), responseKey: optional(groupedKeyFormat) });

/** Runs `check` on an adapter answer; a violation becomes a `malformed-response` error naming the field. */
function parse<T>(check: Check<T>, answer: unknown, call: string): T {
  try {
    return check(answer, '');
  } catch (error) {
    if (!(error instanceof InvalidField)) throw error;
    throw new LicenseError('malformed-response', `${call} returned an invalid answer: ${error.message}`);
  }
}

export const parseCurrentUser = (answer: unknown): CurrentUser => parse(currentUser, answer, 'getCurrentUser');
export const parseLicenses = (answer: unknown): License[] => parse(array(license), answer, 'listLicenses');
export const parseSubmitResult = (answer: unknown): SubmitResult => parse(submitResult, answer, 'submitLicenseKey');
export const parseActivationResult = (answer: unknown): ActivationResult => parse(activationResult, answer, 'activateOffline');
export const parsePendingChallenge = (answer: unknown): OfflineChallenge | null =>
  parse(nullable(offlineChallenge), answer, 'getPendingChallenge');
export const parseRenewedChallenge = (answer: unknown): OfflineChallenge => parse(offlineChallenge, answer, 'renewChallenge');
export const parseKeyFormats = (answer: unknown): KeyFormats => parse(keyFormats, answer, 'getKeyFormats');
