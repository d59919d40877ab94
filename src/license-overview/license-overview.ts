import { localized, msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, toLicenseError, type LicenseError } from '../adapter/errors.js';
import type { CurrentUser, License } from '../adapter/types.js';
import { emit, LICENSE_CHANGE_EVENTS } from '../internal/events.js';
import { expiryInstant, formatCount, formatDate } from '../internal/format.js';
import { LicenseElement } from '../internal/license-element.js';
import { accessRequiredText, accessRequiredTitle, describeError } from '../internal/messages.js';
import { styles } from './license-overview.styles.js';

/** What the overview shows for one license, derived from its fields. */
export type DisplayStatus = 'active' | 'expiring' | 'expired' | 'over-allocated' | 'unlimited' | 'suspended';

type OverviewData = { kind: 'forbidden'; user: CurrentUser } | { kind: 'ready'; user: CurrentUser; licenses: License[] };

const DAY_MS = 86_400_000;

/**
 * Lists every license with its product, key, seat usage, expiry and status. Shows loading, empty,
 * error-with-retry and administrator-access-required states, and reloads by itself when a license
 * is added or activated anywhere on the page.
 *
 * Double-clicking a key copies the whole key; the copy button beside it does the same for keyboard
 * and screen-reader users.
 *
 * @tagname license-overview
 * @summary Overview of installed licenses with usage at a glance.
 *
 * @fires license-key-copied - A license key was copied, or selected for the admin to copy. Detail: `{ license, method }`.
 *
 * @csspart table - The table of licenses.
 * @csspart key - The license key text in each row.
 * @csspart copy-button - The copy button in each row.
 * @csspart status - The status label in each row.
 * @csspart notice - The box of the loading, empty, error and access-required states.
 * @csspart retry-button - The retry button of the error state.
 *
 * @cssprop --license-color-text - Text colour.
 * @cssprop --license-color-text-muted - Secondary text colour.
 * @cssprop --license-color-surface - Background of boxes and buttons.
 * @cssprop --license-color-border - Border colour.
 * @cssprop --license-color-accent - Accent colour for primary actions and focus.
 * @cssprop --license-color-danger - Colour of errors and the expired status.
 * @cssprop --license-color-success - Colour of the active status.
 * @cssprop --license-color-warning - Colour of the expiring and over-allocated statuses.
 * @cssprop --license-radius - Corner radius.
 * @cssprop --license-font-family - Font family.
 * @cssprop --license-font-family-mono - Font family of license keys.
 * @cssprop --license-focus-ring - Outline of focused controls.
 */
@localized()
export class LicenseOverview extends LicenseElement {
  static override styles = styles;

  /** Days before expiry from which a license counts as expiring soon. */
  @property({ type: Number, attribute: 'expiring-soon-days', reflect: true })
  expiringSoonDays = 30;

  /** @internal */
  @state()
  private announcement = '';

  /** @internal */
  @state()
  private revision = 0;

  readonly #load = new Task(this, {
    task: async ([adapter], { signal }): Promise<OverviewData | typeof initialState> => {
      if (adapter === undefined) return initialState;

      const user = await adapter.getCurrentUser({ signal });
      if (!user.canManageLicenses) return { kind: 'forbidden', user };
      const licenses = await adapter.listLicenses({ signal });
      return { kind: 'ready', user, licenses };
    },
    args: () => [this.activeAdapter, this.revision] as const,
  });

  readonly #onLicenseChange = (): void => this.refresh();

  override connectedCallback(): void {
    super.connectedCallback();
    for (const name of LICENSE_CHANGE_EVENTS) document.addEventListener(name, this.#onLicenseChange);

    // Off the page the element missed change events, and a load in flight was aborted, so a
    // reconnected element (moved, or kept by a framework and shown again) reloads. The first
    // connection loads through the first update.
    if (this.hasUpdated) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const name of LICENSE_CHANGE_EVENTS) document.removeEventListener(name, this.#onLicenseChange);
    this.#load.abort();
  }

  /** Reloads the user and the licenses from the adapter. The current list stays visible meanwhile. */
  refresh(): void {
    this.revision++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('expiringSoonDays') && !(this.expiringSoonDays >= 0)) this.expiringSoonDays = 30;
  }

  override render(): TemplateResult {
    return html`
      ${this.#renderState()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  #renderState(): TemplateResult {
    const data = this.#load.value;
    if (data !== undefined) {
      if (data.kind === 'forbidden') return this.#renderAccessRequired();
      if (this.#load.status !== TaskStatus.ERROR || isAbortError(this.#load.error)) return this.#renderLicenses(data.licenses);
    }
    const error = this.#load.error;
    if (this.#load.status === TaskStatus.ERROR && !isAbortError(error)) return this.#renderError(toLicenseError(error));
    return this.#renderLoading();
  }

  #renderLoading(): TemplateResult {
    return html`<div class="notice" part="notice" role="status">
      <span class="spinner" aria-hidden="true"></span> ${msg('Loading licenses…', { id: 'license-elements.overview.loading' })}
    </div>`;
  }

  #renderError(error: LicenseError): TemplateResult {
    if (error.code === 'forbidden') return this.#renderAccessRequired();
    return html`<div class="notice error" part="notice" role="alert">
      <h2>${msg('Licenses could not be loaded', { id: 'license-elements.overview.error-title' })}</h2>
      <p>${describeError(error)}</p>
      <button type="button" part="retry-button" @click=${() => this.refresh()}>
        ${msg('Retry', { id: 'license-elements.common.retry' })}
      </button>
    </div>`;
  }

  #renderAccessRequired(): TemplateResult {
    return html`<div class="notice" part="notice" role="region" aria-labelledby="access-title">
      <h2 id="access-title">${accessRequiredTitle()}</h2>
      <p>${accessRequiredText()}</p>
    </div>`;
  }

  #renderLicenses(licenses: License[]): TemplateResult {
    if (licenses.length === 0) {
      return html`<div class="notice" part="notice">
        <h2>${msg('No licenses yet', { id: 'license-elements.overview.empty-title' })}</h2>
        <p>${msg('Add a license key to start using the product.', { id: 'license-elements.overview.empty-text' })}</p>
      </div>`;
    }

    const busy = this.#load.status === TaskStatus.PENDING;
    return html`
      <table part="table" aria-busy=${busy ? 'true' : 'false'}>
        <caption class="visually-hidden">${msg('Licenses', { id: 'license-elements.overview.caption' })}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Product', { id: 'license-elements.overview.product' })}</th>
            <th scope="col">${msg('License key', { id: 'license-elements.overview.key' })}</th>
            <th scope="col" class="number">${msg('Seats used', { id: 'license-elements.overview.seats' })}</th>
            <th scope="col">${msg('Expires', { id: 'license-elements.overview.expires' })}</th>
            <th scope="col">${msg('Status', { id: 'license-elements.overview.status' })}</th>
          </tr>
        </thead>
        <tbody>
          ${licenses.map((license) => this.#renderRow(license))}
        </tbody>
      </table>
    `;
  }

  #renderRow(license: License): TemplateResult {
    const status = this.statusOf(license);
    return html`<tr>
      <th scope="row">${license.product}</th>
      <td>
        <span class="key-cell">
          <code part="key" class="key" title=${msg('Double-click to copy', { id: 'license-elements.overview.key-hint' })}
            @dblclick=${(event: MouseEvent) => this.#copyKey(license, event.currentTarget as HTMLElement)}
            >${license.key}</code
          >
          <button
            type="button"
            part="copy-button"
            class="copy"
            aria-label=${msg(str`Copy license key for ${license.product}`, { id: 'license-elements.overview.copy-label' })}
            @click=${(event: MouseEvent) =>
              this.#copyKey(license, (event.currentTarget as HTMLElement).previousElementSibling as HTMLElement)}
          >
            ${msg('Copy', { id: 'license-elements.overview.copy' })}
          </button>
        </span>
      </td>
      <td class="number">${this.#renderSeats(license)}</td>
      <td>${license.expiresAt === null ? msg('Never', { id: 'license-elements.overview.never' }) : formatDate(license.expiresAt, this.locale)}</td>
      <td><span part="status" class="status status-${status}"><span class="status-icon" aria-hidden="true"></span>${this.#statusLabel(status)}</span></td>
    </tr>`;
  }

  #renderSeats(license: License): TemplateResult | string {
    const { seatsUsed, seatsTotal } = license;
    const unknown = msg('Unknown', { id: 'license-elements.overview.unknown' });
    const used = seatsUsed === null ? unknown : formatCount(seatsUsed, this.locale);
    if (seatsTotal === 'unlimited') {
      return msg(str`${used} of unlimited`, { id: 'license-elements.overview.seats-unlimited' });
    }
    const total = seatsTotal === null ? unknown : formatCount(seatsTotal, this.locale);
    return msg(str`${used} of ${total}`, { id: 'license-elements.overview.seats-of' });
  }

  #statusLabel(status: DisplayStatus): string {
    switch (status) {
      case 'active':
        return msg('Active', { id: 'license-elements.status.active' });
      case 'expiring':
        return msg('Expiring soon', { id: 'license-elements.status.expiring' });
      case 'expired':
        return msg('Expired', { id: 'license-elements.status.expired' });
      case 'over-allocated':
        return msg('Over-allocated', { id: 'license-elements.status.over-allocated' });
      case 'unlimited':
        return msg('Unlimited', { id: 'license-elements.status.unlimited' });
      case 'suspended':
        return msg('Suspended', { id: 'license-elements.status.suspended' });
    }
  }

  /**
   * Derives the status shown for `license` at `now` (milliseconds since the epoch). Expiry wins over
   * seat problems, because an expired license needs attention first.
   */
  statusOf(license: License, now = Date.now()): DisplayStatus {
    if (license.status === 'suspended') return 'suspended';

    const expiresAt = license.expiresAt === null ? Number.POSITIVE_INFINITY : expiryInstant(license.expiresAt);
    if (license.status === 'expired' || expiresAt <= now) return 'expired';
    if (expiresAt - now <= this.expiringSoonDays * DAY_MS) return 'expiring';

    const { seatsUsed, seatsTotal } = license;
    if (typeof seatsTotal === 'number' && seatsUsed !== null && seatsUsed > seatsTotal) return 'over-allocated';
    if (seatsTotal === 'unlimited') return 'unlimited';
    return 'active';
  }

  /**
   * Copies the whole key to the clipboard. Where the Clipboard API is unavailable or refused, selects
   * the whole key and asks the admin to press the copy shortcut; "Copied" is announced only after a
   * successful write.
   */
  async #copyKey(license: License, keyElement: HTMLElement): Promise<void> {
    this.#selectAll(keyElement);
    try {
      if (navigator.clipboard === undefined) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(license.key);
      this.#announce(msg(str`License key for ${license.product} copied.`, { id: 'license-elements.overview.copied' }));
      emit(this, 'license-key-copied', { license, method: 'clipboard' });
    } catch {
      this.#selectAll(keyElement);
      const shortcut = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd+C' : 'Ctrl+C';
      this.#announce(
        msg(str`The key is selected. Press ${shortcut} to copy it.`, { id: 'license-elements.overview.copy-manually' }),
      );
      emit(this, 'license-key-copied', { license, method: 'selection' });
    }
  }

  #selectAll(element: HTMLElement): void {
    const selection = window.getSelection();
    if (selection === null) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  #announce(text: string): void {
    // Clearing first makes screen readers repeat an identical message.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'license-overview': LicenseOverview;
  }
}
