import { msg } from '@lit/localize';
import type { LicenseError } from '../adapter/errors.js';
import { describeError } from '../internal/messages.js';

/** Localized text for a failed offline activation: the challenge-specific codes, else the common text. */
export function describeActivationError(error: LicenseError): string {
  switch (error.code) {
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
    default:
      return describeError(error);
  }
}
