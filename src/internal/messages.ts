import { msg, str } from '@lit/localize';
import type { LicenseError } from '../adapter/errors.js';
import type { License } from '../adapter/types.js';
import { formatDate } from './format.js';

/**
 * Localized text for an adapter error: what went wrong and what to do next. Elements add their own
 * context (the key-copy advice, the support contact) around it.
 */
export function describeError(error: LicenseError): string {
  switch (error.code) {
    case 'invalid-key':
      return msg('The license key is not valid. Check that the whole key was copied, with no characters missing or added.', {
        id: 'license-elements.error.invalid-key',
      });
    case 'key-expired':
      return msg('This license key has already expired. Ask your vendor for a current key.', {
        id: 'license-elements.error.key-expired',
      });
    case 'wrong-product':
      return msg('This license key is for a different product. Check that you copied the key for this product.', {
        id: 'license-elements.error.wrong-product',
      });
    case 'key-already-applied':
      return msg('This license key is already applied. No change was made.', {
        id: 'license-elements.error.key-already-applied',
      });
    case 'forbidden':
      return msg('Your account may not manage licenses. Ask an administrator.', { id: 'license-elements.error.forbidden' });
    case 'not-signed-in':
      return msg('Your session has ended. Sign in again, then retry.', { id: 'license-elements.error.not-signed-in' });
    case 'not-found':
      return msg('The server could not find what was requested. Reload the page and try again.', {
        id: 'license-elements.error.not-found',
      });
    case 'challenge-expired':
      return msg('The activation challenge has expired. Generate a new challenge and read it to support again.', {
        id: 'license-elements.error.challenge-expired',
      });
    case 'challenge-replaced':
      return msg('A newer activation challenge was generated, for example in another tab. Use the newest challenge.', {
        id: 'license-elements.error.challenge-replaced',
      });
    case 'response-mismatch':
      return msg('The response key does not match the challenge. Check each group with the support engineer.', {
        id: 'license-elements.error.response-mismatch',
      });
    case 'rate-limited':
      return error.retryAfterSeconds === undefined
        ? msg('Too many attempts. Wait a few minutes, then try again.', { id: 'license-elements.error.rate-limited' })
        : msg(str`Too many attempts. Try again in ${Math.ceil(error.retryAfterSeconds)} seconds.`, {
            id: 'license-elements.error.rate-limited-seconds',
          });
    case 'network':
      return msg('The server could not be reached. Check your connection, then try again.', {
        id: 'license-elements.error.network',
      });
    case 'timeout':
      return msg('The server took too long to answer. Try again.', { id: 'license-elements.error.timeout' });
    case 'malformed-response':
      return msg('The server sent an answer that could not be read. Try again; if it keeps failing, contact support.', {
        id: 'license-elements.error.malformed-response',
      });
    case 'unknown':
      return msg('Something went wrong on the server. Try again; if it keeps failing, contact support.', {
        id: 'license-elements.error.unknown',
      });
  }
}

/** Heading of the state shown to users who may not manage licenses. */
export const accessRequiredTitle = (): string =>
  msg('Administrator access required', { id: 'license-elements.access.title' });

/** Body of the state shown to users who may not manage licenses. */
export const accessRequiredText = (): string =>
  msg('Only administrators can view and manage licenses. Ask an administrator of this portal for access.', {
    id: 'license-elements.access.text',
  });

/**
 * The success message shown after a key is applied, online or offline: the product, and for a
 * renewal the new expiry date.
 */
export function describeSuccess(license: License, previous: License | undefined, locale: string): string {
  const product = license.product;
  if (previous === undefined) {
    return msg(str`License for ${product} added.`, { id: 'license-elements.success.added' });
  }
  if (license.expiresAt === null) {
    return msg(str`License for ${product} renewed. It no longer expires.`, { id: 'license-elements.success.renewed-perpetual' });
  }
  const expiry = formatDate(license.expiresAt, locale);
  return msg(str`License for ${product} renewed. It now expires on ${expiry}.`, { id: 'license-elements.success.renewed' });
}
