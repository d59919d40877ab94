import type { License } from '../types.js';
import { createDemoKey, DEMO_PRODUCTS } from './demo-keys.js';

const DAY_MS = 86_400_000;

/** Returns the UTC calendar date `days` after the instant `now` (negative for before). */
export function isoDateFrom(now: number, days: number): string {
  return new Date(now + days * DAY_MS).toISOString().slice(0, 10);
}

/** Products installed on the demo installation: keys for any other demo product are for "another product". */
export const DEMO_INSTALLED_PRODUCTS: readonly string[] = DEMO_PRODUCTS.filter((product) => product !== 'Analytics Suite');

/**
 * Builds the demo data set relative to `now`: a healthy license, one expiring within 30 days, one
 * expired, one with more seats used than bought and one with unlimited seats.
 */
export function createSampleLicenses(now: number): License[] {
  const entry = (
    id: string,
    product: string,
    serial: string,
    seats: number | 'unlimited',
    seatsUsed: number,
    issuedDays: number,
    expiresDays: number | null,
  ): License => {
    const issuedAt = isoDateFrom(now, issuedDays);
    const expiresAt = expiresDays === null ? null : isoDateFrom(now, expiresDays);
    return {
      id,
      product,
      key: createDemoKey({ product, seats, issuedOn: issuedAt, expiresOn: expiresAt, serial }),
      seatsUsed,
      seatsTotal: seats,
      issuedAt,
      expiresAt,
      status: expiresDays !== null && expiresDays < 0 ? 'expired' : 'active',
    };
  };

  return [
    entry('lic-mfa-server', 'MFA Server', '7K3Q9XPDM2', 250, 212, -165, 200),
    entry('lic-mobile-token', 'Mobile Token', 'B4G8XJ6CDP', 100, 97, -353, 12),
    entry('lic-hardware-token', 'Hardware Token', 'R2HY6CDPVJ', 50, 50, -385, -20),
    entry('lic-sms-passcode', 'SMS Passcode', 'MR2HYQWF39', 500, 612, -275, 90),
    entry('lic-self-service', 'Self-Service Portal', 'XPDM2VF7K3', 'unlimited', 1840, -30, 335),
  ];
}

/** Keys for the demo's sample list and the tests, each computed for the instant `now`. */
export interface SampleKeys {
  /** Adds a license for a product the installation has no license for yet. */
  newProduct: string;
  /** Renews the expiring Mobile Token license with a later expiry. */
  renewal: string;
  /** Valid checksum, but its expiry date has passed. */
  expired: string;
  /** Valid key for a product this installation does not run. */
  otherProduct: string;
  /** The renewal key with one symbol changed, so its checksum fails. */
  mistyped: string;
}

export function createSampleKeys(now: number): SampleKeys {
  const issuedOn = isoDateFrom(now, 0);
  const renewal = createDemoKey({
    product: 'Mobile Token',
    seats: 150,
    issuedOn,
    expiresOn: isoDateFrom(now, 377),
    serial: 'N8W4TQ2Z6H',
  });
  const swapped = renewal[3] === 'A' ? 'B' : 'A';
  return {
    newProduct: createDemoKey({
      product: 'Password Reset',
      seats: 1000,
      issuedOn,
      expiresOn: isoDateFrom(now, 365),
      serial: 'P5J9C3V7M1',
    }),
    renewal,
    expired: createDemoKey({
      product: 'MFA Server',
      seats: 250,
      issuedOn: isoDateFrom(now, -400),
      expiresOn: isoDateFrom(now, -35),
      serial: 'E3XP1R8D5K',
    }),
    otherProduct: createDemoKey({
      product: 'Analytics Suite',
      seats: 25,
      issuedOn,
      expiresOn: isoDateFrom(now, 365),
      serial: 'Q6T2F9W4Y8',
    }),
    mistyped: renewal.slice(0, 3) + swapped + renewal.slice(4),
  };
}
