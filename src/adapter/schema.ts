import * as v from 'valibot';
import { LicenseError } from './errors.js';
import type { ActivationResult, CurrentUser, License, OfflineChallenge, SubmitResult } from './types.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date-only value or an ISO 8601 timestamp that `Date` can parse. */
const dateString = v.pipe(
  v.string(),
  v.check((value) => DATE_ONLY.test(value) || !Number.isNaN(Date.parse(value)), 'must be a date or an ISO 8601 timestamp'),
);

/** Seat counts the backend could not supply correctly render as "unknown" instead of failing the whole list. */
const seatCount = v.fallback(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))), null);

const nonEmpty = v.pipe(v.string(), v.minLength(1));

export const licenseSchema = v.object({
  id: nonEmpty,
  product: v.string(),
  key: nonEmpty,
  seatsUsed: seatCount,
  seatsTotal: v.fallback(v.union([v.literal('unlimited'), v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0)))]), null),
  issuedAt: dateString,
  expiresAt: v.nullable(dateString),
  status: v.picklist(['active', 'expired', 'suspended']),
});

export const licenseListSchema = v.array(licenseSchema);

export const currentUserSchema = v.object({
  username: v.string(),
  displayName: v.string(),
  role: v.string(),
  canManageLicenses: v.boolean(),
});

export const offlineChallengeSchema = v.object({
  id: nonEmpty,
  challengeKey: nonEmpty,
  lifetimeSeconds: v.pipe(v.number(), v.finite(), v.minValue(0)),
  expiresInSeconds: v.pipe(v.number(), v.finite(), v.minValue(0)),
  issuedAt: dateString,
  product: v.optional(v.string()),
});

export const submitResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('activated'), license: licenseSchema, previous: v.optional(licenseSchema) }),
  v.object({ kind: v.literal('challenge'), challenge: offlineChallengeSchema }),
]);

export const activationResultSchema = v.object({ license: licenseSchema, previous: v.optional(licenseSchema) });

/**
 * Validates an adapter answer against `schema`. Throws a `malformed-response` {@link LicenseError}
 * that names the first invalid field.
 */
export function parseAnswer<TSchema extends v.GenericSchema>(
  schema: TSchema,
  answer: unknown,
  call: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, answer);
  if (result.success) return result.output;

  const issue = result.issues[0];
  const field = v.getDotPath(issue) ?? '(root)';
  throw new LicenseError('malformed-response', `${call} returned an invalid answer: field "${field}" ${issue.message}`);
}

export const parseCurrentUser = (answer: unknown): CurrentUser => parseAnswer(currentUserSchema, answer, 'getCurrentUser');
export const parseLicenses = (answer: unknown): License[] => parseAnswer(licenseListSchema, answer, 'listLicenses');
export const parseSubmitResult = (answer: unknown): SubmitResult =>
  parseAnswer(submitResultSchema, answer, 'submitLicenseKey');
export const parseActivationResult = (answer: unknown): ActivationResult =>
  parseAnswer(activationResultSchema, answer, 'activateOffline');
export const parsePendingChallenge = (answer: unknown): OfflineChallenge | null =>
  parseAnswer(v.nullable(offlineChallengeSchema), answer, 'getPendingChallenge');
