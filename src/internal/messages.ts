import { msg, str } from '@lit/localize';
import type { LicenseError } from '../adapter/errors.js';
import type { License } from '../adapter/types.js';
import { formatDate } from './format.js';

/**
 * Localized text for the adapter errors every element can meet: what went wrong and what to do
 * next. Codes that only one element meets (a rejected key, a rejected response) are described by
 * that element, so the others do not carry their text. Here they get the generic text.
 */
export function describeError(error: LicenseError): string {
  switch (error.code) {
    case 'forbidden':
      return msg('Your account may not manage licenses. Ask an administrator.', { id: 'license-elements.error.forbidden' });
    case 'not-signed-in':
      return msg('Your session has ended. Sign in again, then retry.', { id: 'license-elements.error.not-signed-in' });
    case 'not-found':
      return msg('The server could not find what was requested. Reload the page and try again.', {
        id: 'license-elements.error.not-found',
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
    default:
      return msg('Something went wrong on the server. Try again; if it keeps failing, contact support.', {
        id: 'license-elements.error.unknown',
      });
  }
}

/**
 * The success message shown after a key is applied, online or offline: the product, and for a
 * renewal the expiry date before and after.
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
  if (previous.expiresAt === null) {
    return msg(str`License for ${product} renewed. It now expires on ${expiry}.`, { id: 'license-elements.success.renewed' });
  }
  const before = formatDate(previous.expiresAt, locale);
  return msg(str`License for ${product} renewed. It now expires on ${expiry} instead of ${before}.`, {
    id: 'license-elements.success.renewed-from',
  });
}
