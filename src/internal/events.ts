import type { LicenseErrorCode } from '../adapter/errors.js';
import type { License, OfflineChallenge } from '../adapter/types.js';

/** Detail of `license-added`: a key was applied online, adding a license or renewing one. */
export interface LicenseAddedDetail {
  license: License;
  /** The license before the renewal; absent when the key added a new license. */
  previous?: License;
}

/** Detail of `license-activated`: an offline activation completed. */
export interface LicenseActivatedDetail {
  license: License;
  /** The license before the renewal; absent when the activation added a new license. */
  previous?: License;
}

/** Detail of the failure events. */
export interface LicenseFailureDetail {
  code: LicenseErrorCode;
  /** Developer message of the adapter's error, for logs; never shown to admins. */
  message: string;
}

/** Detail of `license-challenge-received` and `license-challenge-renewed`. */
export interface LicenseChallengeDetail {
  challenge: OfflineChallenge;
}

/** Detail of `license-key-copied`. */
export interface LicenseKeyCopiedDetail {
  license: License;
  /** `clipboard` when the key was written to the clipboard; `selection` when it was only selected for the admin to copy. */
  method: 'clipboard' | 'selection';
}

/** Every event the elements fire, by name. All bubble and cross shadow boundaries. */
export interface LicenseEventMap {
  'license-added': CustomEvent<LicenseAddedDetail>;
  'license-upload-failed': CustomEvent<LicenseFailureDetail>;
  'license-challenge-received': CustomEvent<LicenseChallengeDetail>;
  'license-challenge-renewed': CustomEvent<LicenseChallengeDetail>;
  'license-activated': CustomEvent<LicenseActivatedDetail>;
  'license-activation-failed': CustomEvent<LicenseFailureDetail>;
  'license-key-copied': CustomEvent<LicenseKeyCopiedDetail>;
  /** The admin asked to add a license, from the overview's empty state; the host shows its upload. No detail. */
  'license-add-request': CustomEvent<null>;
}

declare global {
  // Registers the kit's events so that addEventListener infers their detail types.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends LicenseEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends LicenseEventMap {}
}

type DetailOf<TName extends keyof LicenseEventMap> = LicenseEventMap[TName] extends CustomEvent<infer TDetail> ? TDetail : never;

/** Dispatches one of the kit's events from `target`: bubbling, composed, not cancelable. */
export function emit<TName extends keyof LicenseEventMap>(target: EventTarget, name: TName, detail: DetailOf<TName>): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** Events after which license lists are out of date. */
export const LICENSE_CHANGE_EVENTS = ['license-added', 'license-activated'] as const;
