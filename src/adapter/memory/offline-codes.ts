/**
 * Offline challenge and response keys of the demo vendor, shared by the in-memory adapter, the
 * demo's support box and the tests.
 *
 * Both keys are six hyphen-joined groups of five Crockford base32 symbols. In each group the first
 * four symbols carry data and the fifth is their Luhn mod 32 check symbol, so a group read or typed
 * wrongly is caught before the key is sent. The response's data is the first 120 bits of
 * HMAC-SHA256 over the challenge's data with the demo vendor secret.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  CROCKFORD_ALPHABET,
  encodeBits,
  groupSymbols,
  isValidCheckedGroup,
  luhnCheckSymbol,
  normalizeCrockford,
} from '../../internal/crockford.js';
import type { KeyFormats } from '../types.js';
import { DEMO_VENDOR_SECRET } from './demo-keys.js';

/** The demo vendor's key formats, as the in-memory adapter publishes them through `getKeyFormats`. */
export const DEMO_KEY_FORMATS: KeyFormats = {
  licenseKey: {
    alphabet: CROCKFORD_ALPHABET,
    groupSizes: [5, 5, 5, 5, 5],
    separator: '-',
    lookAlikes: { O: '0', I: '1', L: '1' },
  },
  responseKey: {
    alphabet: CROCKFORD_ALPHABET,
    groupSizes: [5, 5, 5, 5, 5, 5],
    separator: '-',
    lookAlikes: { O: '0', I: '1', L: '1' },
    groupCheck: 'luhn',
  },
};

export const OFFLINE_KEY_GROUPS = 6;
export const OFFLINE_KEY_GROUP_SIZE = 5;
const DATA_PER_GROUP = OFFLINE_KEY_GROUP_SIZE - 1;

function sign(message: string): Uint8Array {
  return hmac(sha256, utf8ToBytes(DEMO_VENDOR_SECRET), utf8ToBytes(message));
}

/** Adds a check symbol to each group of data symbols and joins the groups with hyphens. */
function withCheckSymbols(data: string): string {
  const groups: string[] = [];
  for (let index = 0; index < data.length; index += DATA_PER_GROUP) {
    const group = data.slice(index, index + DATA_PER_GROUP);
    groups.push(group + luhnCheckSymbol(group));
  }
  return groups.join('-');
}

/** Returns the data symbols of a well-formed offline key, or `null` when a group is wrong. */
function dataSymbols(key: string): string | null {
  const symbols = normalizeCrockford(key);
  if (symbols.length !== OFFLINE_KEY_GROUPS * OFFLINE_KEY_GROUP_SIZE) return null;

  const groups = groupSymbols(symbols, OFFLINE_KEY_GROUP_SIZE).split('-');
  if (!groups.every(isValidCheckedGroup)) return null;
  return groups.map((group) => group.slice(0, DATA_PER_GROUP)).join('');
}

/** Creates a challenge key bound to an installation, a license key and a nonce. */
export function createChallengeKey(installationId: string, licenseKey: string, nonce: string): string {
  const digest = sign(`challenge|${installationId}|${licenseKey}|${nonce}`);
  return withCheckSymbols(encodeBits(digest, OFFLINE_KEY_GROUPS * DATA_PER_GROUP));
}

/**
 * Computes the response key for a challenge key, as the support engineer's tool does. Accepts the
 * challenge as read aloud: any case, spaces or hyphens, and the look-alikes O, I and L. Returns
 * `null` when the challenge is not well formed (a group fails its check symbol).
 */
export function computeResponseKey(challengeKey: string): string | null {
  const data = dataSymbols(challengeKey);
  if (data === null) return null;
  return withCheckSymbols(encodeBits(sign(`response|${data}`), OFFLINE_KEY_GROUPS * DATA_PER_GROUP));
}

/** Whether `responseKey` is the response to `challengeKey`; both are compared in normalized form. */
export function verifyResponseKey(challengeKey: string, responseKey: string): boolean {
  const expected = computeResponseKey(challengeKey);
  return expected !== null && normalizeCrockford(responseKey) === normalizeCrockford(expected);
}
