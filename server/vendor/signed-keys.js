/**
 * The reference server's license key format: a JWS in compact serialization (RFC 7515) signed with
 * Ed25519 (`alg: EdDSA`, RFC 8037) by the demo vendor.
 *
 *   base64url(header) "." base64url(payload) "." base64url(signature)
 *
 * The header is `{"alg":"EdDSA","typ":"license-key+jws"}`. The payload is JSON:
 *
 * | member | content |
 * | --- | --- |
 * | `iss` | always `license-elements demo vendor` |
 * | `product` | product name, one of {@link VENDOR_PRODUCTS} |
 * | `seats` | seats bought (an integer of at least 1) or `"unlimited"` |
 * | `issuedOn` | issue day, `YYYY-MM-DD` (UTC) |
 * | `expiresOn` | last valid day, `YYYY-MM-DD` (UTC, valid through the end of that day), or null for perpetual |
 * | `serial` | a random serial number |
 *
 * A key is about 330 characters on one line. The server checks the signature with the vendor's
 * public key, then the product and the expiry. The demo vendor's private key below is public on
 * purpose: anyone can issue keys, so this format serves demos and tests only. A real vendor keeps
 * the private key on its own licensing service and ships only the public key.
 *
 * The in-memory adapter uses another format: 25 Crockford base32 symbols with an HMAC checksum
 * (src/adapter/memory/demo-keys.ts), short enough to type.
 */
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';

/** Products the demo vendor sells; the same names as the in-memory adapter's demo products. */
export const VENDOR_PRODUCTS = [
  'MFA Server',
  'Mobile Token',
  'Hardware Token',
  'SMS Passcode',
  'Self-Service Portal',
  'Password Reset',
  'Analytics Suite',
];

export const VENDOR_ISSUER = 'license-elements demo vendor';

/** Seed of the demo vendor's Ed25519 private key (32 bytes, hex). Public on purpose. */
const DEMO_VENDOR_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';

/** PKCS #8 DER prefix of an Ed25519 private key, followed by the 32-byte seed. */
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';

const HEADER = { alg: 'EdDSA', typ: 'license-key+jws' };

/** Longest key the parser looks at; anything longer is invalid without decoding. */
export const MAX_KEY_LENGTH = 4096;

export const vendorPrivateKey = createPrivateKey({ key: Buffer.from(PKCS8_ED25519_PREFIX + DEMO_VENDOR_SEED, 'hex'), format: 'der', type: 'pkcs8' });
export const vendorPublicKey = createPublicKey(vendorPrivateKey);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value) {
  return typeof value === 'string' && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * @typedef {object} LicenseKeyFields
 * @property {string} product
 * @property {number | 'unlimited'} seats
 * @property {string} issuedOn `YYYY-MM-DD`
 * @property {string | null} expiresOn `YYYY-MM-DD`, or null for perpetual
 * @property {string} [serial] random when omitted
 */

/**
 * Checks the fields of a key and returns the problem, or null when they are valid.
 * @param {Record<string, unknown>} fields
 */
function fieldProblem(fields) {
  if (typeof fields.product !== 'string' || !VENDOR_PRODUCTS.includes(fields.product)) return `unknown product ${JSON.stringify(fields.product)}`;
  if (fields.seats !== 'unlimited' && !(Number.isInteger(fields.seats) && fields.seats >= 1 && fields.seats <= 10_000_000)) {
    return `invalid seats ${JSON.stringify(fields.seats)}: expected an integer from 1 to 10000000 or "unlimited"`;
  }
  if (!isCalendarDate(fields.issuedOn)) return `invalid issuedOn ${JSON.stringify(fields.issuedOn)}: expected YYYY-MM-DD`;
  if (fields.expiresOn !== null && !isCalendarDate(fields.expiresOn)) return `invalid expiresOn ${JSON.stringify(fields.expiresOn)}: expected YYYY-MM-DD or null`;
  if (typeof fields.serial !== 'string' || !/^[0-9A-Z]{1,32}$/.test(fields.serial)) return `invalid serial ${JSON.stringify(fields.serial)}`;
  return null;
}

/**
 * Issues a license key signed with `privateKey` (the demo vendor's by default).
 * @param {LicenseKeyFields} fields
 * @param {import('node:crypto').KeyObject} [privateKey]
 * @returns {string}
 */
export function issueLicenseKey(fields, privateKey = vendorPrivateKey) {
  const payload = {
    iss: VENDOR_ISSUER,
    product: fields.product,
    seats: fields.seats,
    issuedOn: fields.issuedOn,
    expiresOn: fields.expiresOn,
    serial: fields.serial ?? randomBytes(8).toString('hex').toUpperCase(),
  };
  const problem = fieldProblem(payload);
  if (problem !== null) throw new RangeError(`Cannot issue the key: ${problem}`);

  const signingInput = `${Buffer.from(JSON.stringify(HEADER)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput), privateKey).toString('base64url')}`;
}

/**
 * @typedef {{ ok: true, key: string, fields: Required<LicenseKeyFields> } | { ok: false, problem: string }} LicenseKeyCheck
 */

/**
 * Parses a key and verifies its signature with `publicKey` (the demo vendor's by default).
 * Whitespace around and inside the key (line breaks from a mail client) is removed first.
 * @param {string} input
 * @param {import('node:crypto').KeyObject} [publicKey]
 * @returns {LicenseKeyCheck}
 */
export function verifyLicenseKey(input, publicKey = vendorPublicKey) {
  if (typeof input !== 'string' || input.length > MAX_KEY_LENGTH) return { ok: false, problem: 'the key is too long' };
  const key = input.replace(/\s+/g, '');
  const parts = key.split('.');
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) {
    return { ok: false, problem: 'the key is not three base64url parts joined by dots' };
  }

  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'the key header or payload is not JSON' };
  }
  if (header?.alg !== HEADER.alg || header?.typ !== HEADER.typ) return { ok: false, problem: 'the key is not an EdDSA license key' };

  const signature = Buffer.from(parts[2], 'base64url');
  if (signature.length !== 64 || !verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, signature)) {
    return { ok: false, problem: 'the signature does not match the vendor key' };
  }
  if (typeof payload !== 'object' || payload === null || payload.iss !== VENDOR_ISSUER) return { ok: false, problem: 'the key has another issuer' };
  const problem = fieldProblem(payload);
  if (problem !== null) return { ok: false, problem };

  const { product, seats, issuedOn, expiresOn, serial } = payload;
  return { ok: true, key, fields: { product, seats, issuedOn, expiresOn, serial } };
}

/**
 * Returns the UTC calendar day `days` after the instant `now`.
 * @param {number} now milliseconds since the epoch
 * @param {number} days
 */
export function isoDateFrom(now, days) {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Issues the sample keys the demo's QA panel and the tests paste, relative to `now`: a new product,
 * a renewal, an expired key, another product's key and a mistyped key (one signature character changed).
 * @param {number} now
 */
export function createSignedSampleKeys(now) {
  const issuedOn = isoDateFrom(now, 0);
  const renewal = issueLicenseKey({ product: 'Mobile Token', seats: 150, issuedOn, expiresOn: isoDateFrom(now, 377) });
  const last = renewal.length - 5;
  return {
    newProduct: issueLicenseKey({ product: 'Password Reset', seats: 1000, issuedOn, expiresOn: isoDateFrom(now, 365) }),
    renewal,
    expired: issueLicenseKey({ product: 'MFA Server', seats: 250, issuedOn: isoDateFrom(now, -400), expiresOn: isoDateFrom(now, -35) }),
    otherProduct: issueLicenseKey({ product: 'Analytics Suite', seats: 25, issuedOn, expiresOn: isoDateFrom(now, 365) }),
    mistyped: renewal.slice(0, last) + (renewal[last] === 'A' ? 'B' : 'A') + renewal.slice(last + 1),
  };
}
