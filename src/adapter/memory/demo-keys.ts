/**
 * The demo license key format used by the in-memory adapter.
 *
 * A key is 25 Crockford base32 symbols in five hyphen-joined groups of five:
 *
 * | symbols | content |
 * | --- | --- |
 * | 1 | product index in {@link DEMO_PRODUCTS} |
 * | 2-4 | seats bought, 0 for unlimited |
 * | 5-7 | expiry, in days since 2000-01-01 UTC (valid through the end of that day), 0 for perpetual |
 * | 8-10 | issue date, in days since 2000-01-01 UTC |
 * | 11-20 | random serial number |
 * | 21-25 | checksum: the first 25 bits of HMAC-SHA256 over symbols 1-20 with the demo vendor secret |
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

function dayNumber(isoDate: string): number {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(time)) throw new RangeError(`Invalid date "${isoDate}": expected YYYY-MM-DD`);
  return Math.round((time - EPOCH_MS) / DAY_MS);
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
  if (serial.length !== 10 || normalizeCrockford(serial) !== serial) {
    throw new RangeError(`Invalid serial "${serial}": expected 10 Crockford base32 symbols`);
  }

  const data =
    encodeNumber(productIndex, 1) +
    encodeNumber(fields.seats === 'unlimited' ? 0 : fields.seats, 3) +
    encodeNumber(fields.expiresOn === null ? 0 : dayNumber(fields.expiresOn), 3) +
    encodeNumber(dayNumber(fields.issuedOn), 3) +
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
