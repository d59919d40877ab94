import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { LicenseError } from '../adapter/errors.js';
import { describeKeyProblem, describeRepairs, describeSubmitError } from './messages.js';
import type { KeyProblem, KeyRepair } from './normalize-key.js';

/** Result shown in the message below the key box. */
export type Outcome =
  | { kind: 'success'; text: string; repairs: KeyRepair[] }
  | { kind: 'error'; error: LicenseError; repairs: KeyRepair[] }
  | { kind: 'problem'; problem: KeyProblem; repairs: KeyRepair[] }
  | { kind: 'file-loaded'; text: string }
  | { kind: 'file-error'; text: string };

/** Whether the outcome reports that the text in the box is wrong, so the box is marked invalid. */
export function isInvalid(outcome: Outcome | null): boolean {
  return outcome?.kind === 'error' || outcome?.kind === 'problem';
}

/** Content of the polite live region: the success or file message and the note of repairs. */
export function renderStatus(outcome: Outcome, locale: string): TemplateResult {
  const text = outcome.kind === 'success' || outcome.kind === 'file-loaded' ? outcome.text : '';
  const repairs = 'repairs' in outcome ? describeRepairs(outcome.repairs, locale) : '';
  return html`<span class="success-text">${text}</span>${repairs ? html`<p class="hint" part="repairs">${repairs}</p>` : nothing}`;
}

/**
 * Whether the failure may come from a damaged copy of the key, so the advice to check the copy and
 * to contact support fits. Other failures (access, network, rate limits) carry their own next step.
 */
function showsCopyAdvice(outcome: Outcome): boolean {
  if (outcome.kind === 'problem') return true;
  return outcome.kind === 'error' && (outcome.error.code === 'invalid-key' || outcome.error.code === 'wrong-product');
}

/** Content of the assertive live region: what is wrong and, for a damaged key, the advice to check the copy. */
export function renderAlert(outcome: Outcome): TemplateResult | typeof nothing {
  let text: string;
  if (outcome.kind === 'error') text = describeSubmitError(outcome.error);
  else if (outcome.kind === 'problem') text = describeKeyProblem(outcome.problem);
  else if (outcome.kind === 'file-error') text = outcome.text;
  else return nothing;

  return html`<p>${text}</p>
    ${showsCopyAdvice(outcome)
      ? html`<p>
          ${msg('Check that the key was copied completely. If it keeps failing, contact support.', { id: 'license-elements.upload.advice' })}
        </p>`
      : nothing}`;
}
