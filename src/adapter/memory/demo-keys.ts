/**
 * The demo license key format used by the in-memory adapter.
 *
 * A key is 25 Crockford base32 symbols in five hyphen-joined groups of five:
 *
 * | symbols | content |
 * | --- | --- |
 * | 1 | product index in {@link DEMO_PRODUCTS} |
 * | 2-4 | seats bought (1 to 32767), 0 for unlimited |
 * | 5-7 | expiry, in days since 2000-01-01 UTC (valid through the end of that day), 0 for perpetual |
 * | 8-10 | issue date, in days since 2000-01-01 UTC |
 * | 11-20 | random serial number |
 * | 21-25 | checksum: the first 25 bits of HMAC-SHA256 over `license|` and symbols 1-20, keyed with the demo vendor secret |
 *
 * So expiry dates run from 2000-01-02 to 2089-09-17 and issue dates from 2000-01-01 to 2089-09-17.
 *
 * A single mistyped symbol fails the checksum (a false pass has odds of one in 2^25), so a damaged
 * key is rejected the way a real vendor's would be. The secret is public: this format only serves
 * demos and tests.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { CROCKFORD_ALPHABET, decodeNumber, encodeBits, encodeNumber, groupSymbols, normalizeCrockford } from '../../internal/crockford.js';

/** Secret of the demo vendor. Public on purpose: the demo format protects nothing. */
export const DEMO_VENDOR_SECRET = 'license-elements demo vendor secret';

/** Products the demo vendor sells, by the index encoded in the first symbol. */
export const DEMO_PRODUCTS = [
  'MFA Server',
  'Mobile Token',
  'Hardware Token',
  'SMS Passcode',
  'Self-Service Portal',
  'Password Reset',
  'Analytics Suite',
] as const;

const EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const DATA_LENGTH = 20;
const KEY_LENGTH = 25;
/** Largest value of a three-symbol field: seats and day numbers. */
const MAX_FIELD_VALUE = 32 ** 3 - 1;

export interface DemoKeyFields {
  /** A name from {@link DEMO_PRODUCTS}. */
  product: string;
  /** Seats bought, or `'unlimited'`. */
  seats: number | 'unlimited';
  /** Last valid day (`YYYY-MM-DD`, UTC), or `null` for perpetual. */
  expiresOn: string | null;
  /** Issue day (`YYYY-MM-DD`, UTC). */
  issuedOn: string;
  /** Ten base32 symbols; random when omitted. */
  serial?: string;
}

/** Converts a `YYYY-MM-DD` calendar date to days since 2000-01-01; rejects dates such as 2027-02-30. */
function dayNumber(date: string): number {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time) || isoDate((time - EPOCH_MS) / DAY_MS) !== date) {
    throw new RangeError(`Invalid date "${date}": expected an existing calendar day as YYYY-MM-DD`);
  }
  return (time - EPOCH_MS) / DAY_MS;
}

/** Converts a date to the day number stored in a key, within `minimum` to the largest three-symbol value. */
function dayField(date: string, minimum: number, name: string): number {
  const day = dayNumber(date);
  if (day < minimum || day > MAX_FIELD_VALUE) {
    throw new RangeError(`Invalid ${name} "${date}": expected a date from ${isoDate(minimum)} to ${isoDate(MAX_FIELD_VALUE)}`);
  }
  return day;
}

/** Converts seats to the number stored in a key, where 0 stands for unlimited. */
function seatField(seats: number | 'unlimited'): number {
  if (seats === 'unlimited') return 0;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_FIELD_VALUE) {
    throw new RangeError(`Invalid seat count ${seats}: expected an integer from 1 to ${MAX_FIELD_VALUE} or 'unlimited'`);
  }
  return seats;
}

function isoDate(days: number): string {
  return new Date(EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10);
}

function checksum(data: string): string {
  return encodeBits(hmac(sha256, utf8ToBytes(DEMO_VENDOR_SECRET), utf8ToBytes(`license|${data}`)), 5);
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (byte) => CROCKFORD_ALPHABET[byte & 31]).join('');
}

/** Issues a demo license key with a valid checksum. */
export function createDemoKey(fields: DemoKeyFields): string {
  const productIndex = DEMO_PRODUCTS.indexOf(fields.product as (typeof DEMO_PRODUCTS)[number]);
  if (productIndex < 0) throw new RangeError(`Unknown demo product "${fields.product}"`);

  const serial = fields.serial ?? randomSerial();
  if (serial.length !== 10 || [...serial].some((char) => !CROCKFORD_ALPHABET.includes(char))) {
    throw new RangeError(`Invalid serial "${serial}": expected 10 upper-case Crockford base32 symbols`);
  }

  // Day 0 of the expiry field means perpetual, so the earliest expiry is day 1.
  const data =
    encodeNumber(productIndex, 1) +
    encodeNumber(seatField(fields.seats), 3) +
    encodeNumber(fields.expiresOn === null ? 0 : dayField(fields.expiresOn, 1, 'expiry date'), 3) +
    encodeNumber(dayField(fields.issuedOn, 0, 'issue date'), 3) +
    serial;
  return groupSymbols(data + checksum(data), 5);
}

/** Why {@link parseDemoKey} rejected a key. */
export type DemoKeyProblem = 'length' | 'characters' | 'checksum' | 'product';

export type DemoKeyParseResult = { ok: true; fields: Required<DemoKeyFields>; key: string } | { ok: false; problem: DemoKeyProblem };

/**
 * Parses and verifies a demo key. Accepts lower case, missing or extra hyphens and spaces, and the
 * look-alikes O, I and L; returns the canonical grouped key.
 */
export function parseDemoKey(input: string): DemoKeyParseResult {
  const symbols = normalizeCrockford(input.trim());
  if (symbols.length !== KEY_LENGTH) return { ok: false, problem: 'length' };
  if ([...symbols].some((char) => !CROCKFORD_ALPHABET.includes(char))) return { ok: false, problem: 'characters' };

  const data = symbols.slice(0, DATA_LENGTH);
  if (checksum(data) !== symbols.slice(DATA_LENGTH)) return { ok: false, problem: 'checksum' };

  const product = DEMO_PRODUCTS[decodeNumber(data.slice(0, 1))];
  if (product === undefined) return { ok: false, problem: 'product' };

  const seats = decodeNumber(data.slice(1, 4));
  const expiry = decodeNumber(data.slice(4, 7));
  return {
    ok: true,
    key: groupSymbols(symbols, 5),
    fields: {
      product,
      seats: seats === 0 ? 'unlimited' : seats,
      expiresOn: expiry === 0 ? null : isoDate(expiry),
      issuedOn: isoDate(decodeNumber(data.slice(7, 10))),
      serial: data.slice(10, DATA_LENGTH),
    },
  };
}
