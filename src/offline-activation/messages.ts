import { msg } from '@lit/localize';
import type { LicenseError } from '../adapter/errors.js';
import { describeError } from '../internal/messages.js';

/**
 * Localized text for a failed offline activation: the challenge-specific codes, else the common
 * text. A `challenge-expired` rejection has no text here, because the element shows its
 * expired state instead.
 */
export function describeActivationError(error: LicenseError): string {
  switch (error.code) {
    case 'challenge-replaced':
      return msg('A newer activation challenge was generated, for example in another tab. Use the newest challenge.', {
        id: 'license-elements.error.challenge-replaced',
      });
    case 'invalid-key':
    case 'response-mismatch':
      return msg('The response key does not match the challenge. Check each group with the support engineer.', {
        id: 'license-elements.error.response-mismatch',
      });
    default:
      return describeError(error);
  }
}
