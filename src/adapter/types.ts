/**
 * The adapter contract: the only way the elements reach a backend.
 *
 * A product team implements {@link LicenseAdapter} against its own backend (or uses the HTTP
 * adapter), and the elements call nothing else. Every call accepts an `AbortSignal`, every failure
 * is a {@link LicenseError} with a stable code, and every answer is validated before it is rendered.
 */

/** Options every adapter call accepts. */
export interface CallOptions {
  /** Aborts the call. An aborted call rejects with the signal's reason (a `DOMException` named `AbortError` by default). */
  signal?: AbortSignal;
}

/** The signed-in user as the backend sees them. */
export interface CurrentUser {
  /** Account name, for example `one_sys_admin`. */
  username: string;
  /** Name shown in the portal. */
  displayName: string;
  /** Role name, for example `Admin` or `Read-only`. */
  role: string;
  /**
   * Whether this user may view and manage licenses. The backend decides; {@link mayManageLicenses}
   * implements the usual rule (the `Admin` role and the built-in `one_sys_admin` account).
   */
  canManageLicenses: boolean;
}

/**
 * A license's state as the backend reports it. The overview derives "expiring soon",
 * "over-allocated" and "unlimited" from the other fields.
 */
export type LicenseStatus = 'active' | 'expired' | 'suspended';

/** One license installed on this product. */
export interface License {
  /** Stable identifier; a renewal keeps the id and changes the key and expiry. */
  id: string;
  /** Product name as shown to admins. */
  product: string;
  /** The license key exactly as it must be copied for a renewal. */
  key: string;
  /** Seats in use, or `null` when the backend does not know. */
  seatsUsed: number | null;
  /** Seats bought, `'unlimited'`, or `null` when the backend does not know. */
  seatsTotal: number | 'unlimited' | null;
  /** Issue date: a date-only value (`2026-01-31`) or an ISO 8601 timestamp. */
  issuedAt: string;
  /**
   * Expiry: a date-only value (`2027-01-31`, valid through the end of that day in UTC), an ISO 8601
   * timestamp, or `null` for a perpetual license.
   */
  expiresAt: string | null;
  status: LicenseStatus;
}

/**
 * An offline activation challenge: the installation cannot reach the vendor, so the admin passes
 * the challenge key to support and types back the response key.
 */
export interface OfflineChallenge {
  /** Identifier to send back with the response key. */
  id: string;
  /** The key to read to support, in its canonical grouped form. */
  challengeKey: string;
  /** Whole lifetime in seconds as the server counts it, from `issuedAt`. */
  lifetimeSeconds: number;
  /**
   * Seconds left when the server sent this answer. Elements count down from it on the browser's
   * monotonic clock, so a wrong client clock cannot shorten or lengthen the countdown.
   */
  expiresInSeconds: number;
  /** When the server issued the challenge (ISO 8601 timestamp, server clock). */
  issuedAt: string;
  /** The product the submitted key is for, when the backend knows it. */
  product?: string;
}

/** The answer to a submitted license key. */
export type SubmitResult =
  | {
      kind: 'activated';
      license: License;
      /** The license as it was before, when the key renewed an existing license. */
      previous?: License;
    }
  | { kind: 'challenge'; challenge: OfflineChallenge };

/** The answer to a successful offline activation. */
export interface ActivationResult {
  license: License;
  /** The license as it was before, when the activation renewed an existing license. */
  previous?: License;
}

/**
 * Shape of a key made of groups of symbols, such as `ABCDE-FGHJK-...`. Elements use it to catch a
 * damaged or mistyped key before sending it; the backend still decides what is valid.
 */
export interface GroupedKeyFormat {
  /** Symbols a key may contain, in upper case, in the order that defines their values for `groupCheck`. */
  alphabet: string;
  /** Number of symbols in each group, in order; the length of the list is the number of groups. */
  groupSizes: number[];
  /** Text between groups in the canonical form, for example `-`. */
  separator: string;
  /** Characters that stand for alphabet symbols when typed or read aloud, for example `{ "O": "0" }`; applied after upper-casing. */
  lookAlikes?: Record<string, string>;
  /** Check symbol of each group: with `luhn`, the last symbol is the Luhn mod N check symbol of the others, N being the alphabet's length. */
  groupCheck?: 'luhn';
}

/** Key formats a backend publishes; each is optional, and without one only generic checks apply. */
export interface KeyFormats {
  /** Format of license keys, when all keys of this backend share one. */
  licenseKey?: GroupedKeyFormat;
  /** Format of offline activation response keys. */
  responseKey?: GroupedKeyFormat;
}

/**
 * The backend boundary. Implementations must honour `options.signal`, reject with
 * {@link LicenseError} on every failure, and may be called concurrently.
 */
export interface LicenseAdapter {
  /** Reads the signed-in user and whether they may manage licenses. */
  getCurrentUser(options?: CallOptions): Promise<CurrentUser>;
  /** Lists every license installed on this product. */
  listLicenses(options?: CallOptions): Promise<License[]>;
  /**
   * Submits a license key. Adding and renewing are the same call: the backend decides from the
   * key. Resolves with the activated license, or with an offline challenge when the installation
   * cannot reach the vendor.
   */
  submitLicenseKey(key: string, options?: CallOptions): Promise<SubmitResult>;
  /** Completes an offline activation with the response key support read out. */
  activateOffline(challengeId: string, responseKey: string, options?: CallOptions): Promise<ActivationResult>;
  /**
   * Reads the latest offline challenge that was neither used nor replaced, or `null`, so that a
   * reload loses nothing. An expired one is returned with `expiresInSeconds` 0, so the element can
   * offer to renew it instead of starting over.
   */
  getPendingChallenge(options?: CallOptions): Promise<OfflineChallenge | null>;
  /**
   * Issues a new challenge for the same license key as `challengeId`, which may have expired. The
   * older challenge stops working: answering it fails with `challenge-replaced`.
   */
  renewChallenge(challengeId: string, options?: CallOptions): Promise<OfflineChallenge>;
  /** Reads the key formats the backend publishes. Optional: without it, elements apply only generic checks. */
  getKeyFormats?(options?: CallOptions): Promise<KeyFormats>;
}

/** Role name that may manage licenses. */
export const ADMIN_ROLE = 'Admin';

/** Built-in system administrator account, which may manage licenses whatever its role. */
export const SYSTEM_ADMIN_ACCOUNT = 'one_sys_admin';

/** Applies the usual access rule: the `Admin` role and the `one_sys_admin` account may manage licenses. */
export function mayManageLicenses(user: { username: string; role: string }): boolean {
  return user.role === ADMIN_ROLE || user.username === SYSTEM_ADMIN_ACCOUNT;
}
