import { isAbortError, toLicenseError } from './errors.js';
import {
  parseActivationResult,
  parseCurrentUser,
  parseLicenses,
  parseKeyFormats,
  parsePendingChallenge,
  parseRenewedChallenge,
  parseSubmitResult,
} from './schema.js';
import type { LicenseAdapter } from './types.js';

async function guard<T>(call: () => Promise<unknown>, parse: (answer: unknown) => T, signal?: AbortSignal): Promise<T> {
  let answer: unknown;
  try {
    answer = await call();
  } catch (error) {
    // After an abort the call rejects with the signal's reason, whatever the adapter rejected with.
    signal?.throwIfAborted();
    if (isAbortError(error)) throw error;
    throw toLicenseError(error);
  }
  // An adapter that ignores its signal must not hand a superseded answer to the element.
  signal?.throwIfAborted();
  return parse(answer);
}

/**
 * Wraps an adapter so that every answer is validated against the contract and every failure is a
 * `LicenseError` (abort rejections pass through). The elements call adapters only through this.
 */
export function validatingAdapter(adapter: LicenseAdapter): LicenseAdapter {
  return {
    getCurrentUser: (options) => guard(() => adapter.getCurrentUser(options), parseCurrentUser, options?.signal),
    listLicenses: (options) => guard(() => adapter.listLicenses(options), parseLicenses, options?.signal),
    submitLicenseKey: (key, options) =>
      guard(() => adapter.submitLicenseKey(key, options), parseSubmitResult, options?.signal),
    activateOffline: (challengeId, responseKey, options) =>
      guard(() => adapter.activateOffline(challengeId, responseKey, options), parseActivationResult, options?.signal),
    getPendingChallenge: (options) =>
      guard(() => adapter.getPendingChallenge(options), parsePendingChallenge, options?.signal),
    renewChallenge: (challengeId, options) =>
      guard(() => adapter.renewChallenge(challengeId, options), parseRenewedChallenge, options?.signal),
    // An adapter without key formats gets generic checks only, so its absence reads as no formats.
    getKeyFormats: (options) =>
      guard(async () => (adapter.getKeyFormats ? adapter.getKeyFormats(options) : {}), parseKeyFormats, options?.signal),
  };
}
