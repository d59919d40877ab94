import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';

/** Renders the state shown while the element waits for the adapter, announced as a status. */
export function renderLoading(text: string): TemplateResult {
  return html`<div class="notice" part="notice" role="status"><span class="spinner" aria-hidden="true"></span> ${text}</div>`;
}

/**
 * Renders the state shown to users who may not manage licenses. Its heading takes focus from
 * script (tabindex -1), so an element can move focus there when it switches to this state.
 */
export function renderAccessRequired(): TemplateResult {
  return html`<div class="notice" part="notice" role="region" aria-labelledby="access-title">
    <h2 id="access-title" tabindex="-1">${msg('Administrator access required', { id: 'license-elements.access.title' })}</h2>
    <p>
      ${msg('Only administrators can view and manage licenses. Ask an administrator of this portal for access.', {
        id: 'license-elements.access.text',
      })}
    </p>
  </div>`;
}
