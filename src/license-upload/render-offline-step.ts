import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { LicenseAdapter, OfflineChallenge } from '../adapter/types.js';
import type { LicenseActivatedDetail } from '../internal/events.js';
import type { SupportContact } from '../internal/support-contact.js';

/**
 * Loads and defines `<offline-activation>` when a challenge arrives: most installations reach the
 * vendor and never show the offline step, so its code stays out of the upload's first load.
 */
export async function loadOfflineActivation(): Promise<void> {
  if (customElements.get('offline-activation') === undefined) await import('../offline-activation/define.js');
}

export interface OfflineStepOptions {
  adapter: LicenseAdapter | undefined;
  support: SupportContact;
  /** Called, with the upload as `this`, when the offline activation completes. */
  onActivated: (event: CustomEvent<LicenseActivatedDetail>) => void;
  /** Called, with the upload as `this`, when the admin goes back to the key box. */
  onBack: () => void;
}

/** Renders the offline activation step that takes the form's place when a challenge arrives. */
export function renderOfflineStep(challenge: OfflineChallenge, options: OfflineStepOptions): TemplateResult {
  const { support } = options;
  return html`<div class="offline-step">
    <offline-activation
      .adapter=${options.adapter}
      .challenge=${challenge}
      .supportPhone=${support.phone}
      .supportEmail=${support.email}
      .supportUrl=${support.url}
      .supportHours=${support.hours}
      @license-activated=${options.onActivated}
    ></offline-activation>
    <button type="button" class="back" @click=${options.onBack}>${msg('Use a different key', { id: 'license-elements.upload.back' })}</button>
  </div>`;
}
