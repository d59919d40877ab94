import { msg } from '@lit/localize';
import type { LicenseError } from '../adapter/errors.js';
import { describeError } from '../internal/messages.js';

/** Localized text for a failed key submission: the key-specific codes, else the common text. */
export function describeSubmitError(error: LicenseError): string {
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
    default:
      return describeError(error);
  }
}
