import { localized, msg } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, toLicenseError, type LicenseError } from '../adapter/errors.js';
import type { CurrentUser, License } from '../adapter/types.js';
import { emit, LICENSE_CHANGE_EVENTS } from '../internal/events.js';
import { LicenseElement } from '../internal/license-element.js';
import { renderAccessRequired, renderLoading } from '../internal/states.js';
import { describeError } from '../internal/messages.js';
import type { LicenseList } from './license-list.js';
import { styles } from './license-overview.styles.js';

export type { DisplayStatus, SortColumn, SortOrder } from './overview-model.js';

type OverviewData = { kind: 'forbidden'; user: CurrentUser } | { kind: 'ready'; user: CurrentUser; licenses: License[] };

/**
 * Lists every license with its product, key, seat usage, issue and expiry dates and status, under a
 * summary of licenses, seats and licenses that need attention. The list sorts by product, seats,
 * expiry and status, and filters by text and status. Shows loading, empty, error-with-retry and
 * administrator-access-required states, and reloads by itself when a license is added or activated
 * anywhere on the page. A renewed license (a later expiry for the same id) is marked as updated
 * for a few seconds.
 *
 * Long keys show shortened in the middle. Double-clicking a key, pressing Enter on it or using the
 * copy button beside it copies the whole key. Lists longer than 200 licenses render only their
 * visible rows, with the `@lit-labs/virtualizer` package loaded on demand.
 *
 * @tagname license-overview
 * @summary Overview of installed licenses with usage at a glance.
 *
 * @fires license-key-copied - A license key was copied, or selected for the admin to copy. Detail: `{ license, method }`.
 * @fires license-add-request - The admin chose "Add a license" in the empty state; the host shows its upload. Detail: `null`.
 *
 * @csspart summary - The summary above the list.
 * @csspart filters - The filter box and status filter.
 * @csspart table - The table of licenses.
 * @csspart key - The license key text in each row.
 * @csspart copy-button - The copy button in each row.
 * @csspart meter - The seat usage meter in each row.
 * @csspart status - The status label in each row.
 * @csspart notice - The box of the loading, empty, no-match, error and access-required states.
 * @csspart add-button - The "Add a license" button of the empty state.
 * @csspart retry-button - The retry button of the error state.
 *
 * @cssprop --license-color-text - Text colour.
 * @cssprop --license-color-text-muted - Secondary text colour.
 * @cssprop --license-color-surface - Background of boxes and buttons.
 * @cssprop --license-color-border - Border colour.
 * @cssprop --license-color-accent - Accent colour for primary actions, focus and the seat meter.
 * @cssprop --license-color-danger - Colour of errors and the expired status.
 * @cssprop --license-color-success - Colour of the active status.
 * @cssprop --license-color-warning - Colour of the expiring and over-allocated statuses.
 * @cssprop --license-radius - Corner radius.
 * @cssprop --license-font-family - Font family.
 * @cssprop --license-font-family-mono - Font family of license keys.
 * @cssprop --license-focus-ring - Outline of focused controls.
 * @cssprop --license-overview-max-height - Height of the scrolling list when it renders only its visible rows (default `70vh`).
 */
@localized()
export class LicenseOverview extends LicenseElement {
  static override styles = styles;

  /** Calendar days before expiry from which a license counts as expiring soon. */
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
      // The list view's code loads while the licenses do.
      const [licenses] = await Promise.all([adapter.listLicenses({ signal }), this.#loadList()]);
      return { kind: 'ready', user, licenses };
    },
    args: () => [this.activeAdapter, this.revision] as const,
  });

  readonly #onLicenseChange = (): void => this.refresh();

  /** The list view, loaded with the first list of licenses. */
  #list?: LicenseList;
  #listLoading?: Promise<LicenseList>;

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

    const data = this.#load.value;
    if (data?.kind === 'ready') this.#list?.markRenewals(data.licenses);
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
      if (data.kind === 'forbidden') return renderAccessRequired();
      if (this.#load.status !== TaskStatus.ERROR || isAbortError(this.#load.error)) {
        if (data.licenses.length === 0) return this.#renderEmpty();
        if (this.#list !== undefined) return this.#list.render(data.licenses);
      }
    }
    const error = this.#load.error;
    if (this.#load.status === TaskStatus.ERROR && !isAbortError(error)) return this.#renderError(toLicenseError(error));
    return renderLoading(msg('Loading licenses…', { id: 'license-elements.overview.loading' }));
  }

  #renderError(error: LicenseError): TemplateResult {
    if (error.code === 'forbidden') return renderAccessRequired();
    return html`<div class="notice error" part="notice" role="alert">
      <h2>${msg('Licenses could not be loaded', { id: 'license-elements.overview.error-title' })}</h2>
      <p>${describeError(error)}</p>
      <button type="button" part="retry-button" @click=${() => this.refresh()}>
        ${msg('Retry', { id: 'license-elements.common.retry' })}
      </button>
    </div>`;
  }

  #renderEmpty(): TemplateResult {
    return html`<div class="notice" part="notice">
      <h2>${msg('No licenses yet', { id: 'license-elements.overview.empty-title' })}</h2>
      <p>${msg('Add a license key to start using the product.', { id: 'license-elements.overview.empty-text' })}</p>
      <button type="button" class="primary" part="add-button" @click=${() => emit(this, 'license-add-request', null)}>
        ${msg('Add a license', { id: 'license-elements.overview.add' })}
      </button>
    </div>`;
  }

  /** Loads the list view once; a failed load is tried again with the next reload. */
  #loadList(): Promise<LicenseList> {
    this.#listLoading ??= import('./license-list.js').then(
      ({ LicenseList }) => {
        this.#list = new LicenseList(this, {
          locale: () => this.locale,
          expiringSoonDays: () => this.expiringSoonDays,
          busy: () => this.#load.status === TaskStatus.PENDING,
          announce: (text) => this.#announce(text),
        });
        return this.#list;
      },
      (error: unknown) => {
        this.#listLoading = undefined;
        throw error;
      },
    );
    return this.#listLoading;
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
