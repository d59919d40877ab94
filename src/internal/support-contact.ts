import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';

/** Support contact details the host configures; the kit bakes in none. */
export interface SupportContact {
  phone?: string | undefined;
  email?: string | undefined;
  url?: string | undefined;
  hours?: string | undefined;
}

/** Whether any contact detail is set. */
export function hasSupportContact(contact: SupportContact): boolean {
  return Boolean(contact.phone || contact.email || contact.url || contact.hours);
}

/** Returns `url` when it is an http(s) address, else `undefined`, so a host typo cannot inject a `javascript:` link. */
function safeWebUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders the configured contact as a list of tel:, mailto: and web links, followed by the
 * `support` slot for anything else the host wants to show.
 */
export function renderSupportContact(contact: SupportContact): TemplateResult {
  const webUrl = contact.url ? safeWebUrl(contact.url) : undefined;
  return html`<div class="support" part="support">
    ${hasSupportContact(contact)
      ? html`<ul class="support-list">
          ${contact.phone
            ? html`<li>
                ${msg('Phone:', { id: 'license-elements.support.phone' })}
                <a href="tel:${contact.phone.replace(/[^\d+]/g, '')}">${contact.phone}</a>
              </li>`
            : nothing}
          ${contact.email
            ? html`<li>
                ${msg('E-mail:', { id: 'license-elements.support.email' })}
                <a href="mailto:${contact.email}">${contact.email}</a>
              </li>`
            : nothing}
          ${webUrl ? html`<li><a href=${webUrl} target="_blank" rel="noopener">${msg('Support website', { id: 'license-elements.support.web' })}</a></li>` : nothing}
          ${contact.hours ? html`<li>${msg('Hours:', { id: 'license-elements.support.hours' })} ${contact.hours}</li>` : nothing}
        </ul>`
      : nothing}
    <slot name="support"></slot>
  </div>`;
}
