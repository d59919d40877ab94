/**
 * The overview's list view: summary, filters, sortable table, seat meters, relative expiry dates,
 * the renewed-row mark and copying keys. The overview loads this module with `import()` together
 * with the first list of licenses, so the loading, error and access states cost less on first load.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { License } from '../adapter/types.js';
import { relativeDayFormatter } from '../internal/calendar.js';
import { emit } from '../internal/events.js';
import { dateFormatter, expiryInstant } from '../internal/format.js';
import {
  filterRows,
  shortenKey,
  sortRows,
  summarize,
  toRows,
  type DisplayStatus,
  type Row,
  type SortColumn,
  type SortOrder,
  type Summary,
} from './overview-model.js';

type Virtualize = typeof import('@lit-labs/virtualizer/virtualize.js').virtualize;

/** Lists longer than this render only their visible rows, through the virtualizer loaded on demand. */
export const VIRTUAL_LIST_THRESHOLD = 200;

/** Rows rendered while the virtualizer loads. */
const ROWS_BEFORE_VIRTUALIZER = 40;

/** How long a renewed row stays marked as updated, in milliseconds. */
const UPDATED_MARK_MS = 8000;

/** The virtualizer's directive once loaded, shared by every overview on the page; `null` when loading failed. */
let virtualize: Virtualize | null | undefined;
let virtualizerLoading: Promise<unknown> | undefined;

const STATUS_FILTERS: readonly DisplayStatus[] = ['active', 'expiring', 'expired', 'over-allocated', 'unlimited', 'suspended'];

/** Settings and callbacks that the list view reads from the element showing it. */
export interface LicenseListOptions {
  /** Locale for dates and numbers. */
  locale(): string;
  /** Calendar days before expiry from which a license counts as expiring soon. */
  expiringSoonDays(): number;
  /** Whether a reload is running. */
  busy(): boolean;
  /** Announces `text` through the element's live region. */
  announce(text: string): void;
}

/** The host element: it renders the view, shows its live region and dispatches its events. */
type ListHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** Renders the overview's list of licenses and keeps its filter, sort order and marks. */
export class LicenseList {
  readonly #host: ListHost;
  readonly #options: LicenseListOptions;

  readonly #state: {
    filterText: string;
    filterStatus: DisplayStatus | 'all';
    sortOrder?: SortOrder;
    /** Id of the license whose key shows whole after a copy. */
    expandedKeyId?: string;
    /** Ids of the licenses marked as renewed. */
    updatedIds: ReadonlySet<string>;
  } = { filterText: '', filterStatus: 'all', updatedIds: new Set() };

  /** The list the last renewal check saw, and each license's expiry in it. */
  #seenLicenses?: License[];
  #seenExpiries = new Map<string, string | null>();
  #updatedTimer?: ReturnType<typeof setTimeout>;

  #view?: { inputs: unknown[]; rows: Row[]; shown: Row[]; summary: Summary };

  /** Intl formatters, made once per render of the element instead of once per row: constructing them is the costly part. */
  #formats = LicenseList.#makeFormats('en');

  static #makeFormats(locale: string): { date: (value: string) => string; count: (value: number) => string; relative: (days: number) => string } {
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return { date: dateFormatter(locale), count: (value) => count.format(value), relative: relativeDayFormatter(locale) };
  }

  constructor(host: ListHost, options: LicenseListOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Renders the summary, the filters and the list of `licenses`, which is not empty. */
  render(licenses: License[]): TemplateResult {
    this.#formats = LicenseList.#makeFormats(this.#options.locale());
    const { rows, shown, summary } = this.#viewOf(licenses);
    return html`
      ${this.#renderSummary(summary)} ${this.#renderFilters(rows.length, shown.length)}
      ${shown.length === 0 ? this.#renderNoMatch() : this.#renderTable(shown)}
    `;
  }

  #renderSummary(summary: Summary): TemplateResult {
    const { count } = this.#formats;
    return html`<dl class="summary" part="summary">
      <div>
        <dt>${msg('Licenses', { id: 'license-elements.overview.caption' })}</dt>
        <dd>${count(summary.licenses)}</dd>
      </div>
      <div>
        <dt>${msg('Seats used', { id: 'license-elements.overview.seats' })}</dt>
        <dd>${msg(str`${count(summary.seatsUsed)} of ${count(summary.seatsBought)}`, { id: 'license-elements.overview.seats-of' })}</dd>
      </div>
      <div class=${summary.needAttention > 0 ? 'attention' : ''}>
        <dt>${msg('Need attention', { id: 'license-elements.overview.need-attention' })}</dt>
        <dd>${count(summary.needAttention)}</dd>
      </div>
    </dl>`;
  }

  #renderFilters(total: number, shown: number): TemplateResult {
    return html`<div class="filters" part="filters">
      <div class="field">
        <label for="filter-text">${msg('Filter by product or key', { id: 'license-elements.overview.filter' })}</label>
        <input id="filter-text" type="search" autocomplete="off" .value=${live(this.#state.filterText)} @input=${this.#onFilterText} />
      </div>
      <div class="field">
        <label for="filter-status">${msg('Status', { id: 'license-elements.overview.status' })}</label>
        <select id="filter-status" @change=${this.#onFilterStatus}>
          <option value="all" ?selected=${this.#state.filterStatus === 'all'}>${msg('All statuses', { id: 'license-elements.overview.all-statuses' })}</option>
          ${STATUS_FILTERS.map((status) => html`<option value=${status} ?selected=${this.#state.filterStatus === status}>${this.#statusLabel(status)}</option>`)}
        </select>
      </div>
      ${shown < total ? html`<span class="match-count">${this.#matchCountText(total, shown)}</span>` : nothing}
    </div>`;
  }

  #renderNoMatch(): TemplateResult {
    return html`<div class="notice" part="notice">
      <p>${msg('No licenses match the filter.', { id: 'license-elements.overview.no-match' })}</p>
      <button type="button" @click=${this.#clearFilters}>${msg('Clear filter', { id: 'license-elements.overview.clear-filter' })}</button>
    </div>`;
  }

  #renderTable(rows: Row[]): TemplateResult {
    const virtual = rows.length > VIRTUAL_LIST_THRESHOLD;
    if (virtual) this.#loadVirtualizer();

    let body: unknown;
    if (!virtual || virtualize === null) {
      body = rows.map((row, index) => this.#renderRow(row, index));
    } else if (virtualize === undefined) {
      body = rows.slice(0, ROWS_BEFORE_VIRTUALIZER).map((row, index) => this.#renderRow(row, index));
    } else {
      body = virtualize({
        items: rows,
        keyFunction: (row: Row) => row.license.id,
        // The virtualizer renders every row in view on each scroll step; guard skips the rows whose
        // inputs did not change, which are most of them.
        renderItem: (row: Row, index: number) =>
          html`${guard([row, index, this.#formats, this.#state.expandedKeyId === row.license.id, this.#state.updatedIds], () =>
            this.#renderRow(row, index),
          )}`,
      });
    }

    // A list that scrolls is in the tab order, so that keyboard users can scroll it.
    return html`<div class="scroller ${virtual ? 'virtual' : ''}" tabindex=${virtual ? '0' : '-1'}>
      <div
        role="table"
        part="table"
        aria-label=${msg('Licenses', { id: 'license-elements.overview.caption' })}
        aria-rowcount=${rows.length + 1}
        aria-busy=${this.#options.busy() ? 'true' : 'false'}
      >
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            ${this.#renderSortHeader('product', msg('Product', { id: 'license-elements.overview.product' }))}
            <div role="columnheader">${msg('License key', { id: 'license-elements.overview.key' })}</div>
            ${this.#renderSortHeader('seats', msg('Seats used', { id: 'license-elements.overview.seats' }))}
            <div role="columnheader">${msg('Issued', { id: 'license-elements.overview.issued' })}</div>
            ${this.#renderSortHeader('expiry', msg('Expires', { id: 'license-elements.overview.expires' }))}
            ${this.#renderSortHeader('status', msg('Status', { id: 'license-elements.overview.status' }))}
          </div>
        </div>
        ${virtual
          ? // The virtualizer styles its host element, so a short list after a long one gets a fresh element.
            html`<div role="rowgroup" class="body">${body}</div>`
          : html`<div role="rowgroup" class="body">${body}</div>`}
      </div>
    </div>`;
  }

  #renderSortHeader(column: SortColumn, label: string): TemplateResult {
    const direction = this.#state.sortOrder?.column === column ? this.#state.sortOrder.direction : undefined;
    return html`<div role="columnheader" class=${column === 'seats' ? 'number' : ''} aria-sort=${direction ?? 'none'}>
      <button type="button" class="sort" @click=${() => this.#sortBy(column)}>${label}</button>
    </div>`;
  }

  #renderRow(row: Row, index: number): TemplateResult {
    const { license, status } = row;
    const expanded = this.#state.expandedKeyId === license.id;
    const updated = this.#state.updatedIds.has(license.id);
    return html`<div role="row" class="row ${updated ? 'updated' : ''}" aria-rowindex=${index + 2}>
      <div role="rowheader" class="product">${license.product}</div>
      <div role="cell" class="key-cell">
        <code
          part="key"
          class="key"
          role="button"
          tabindex="0"
          data-license-id=${license.id}
          title=${msg('Double-click or press Enter to copy', { id: 'license-elements.overview.key-hint' })}
          @dblclick=${() => this.copyKey(license)}
          @keydown=${(event: KeyboardEvent) => this.#onKeyKeydown(event, license)}
          >${expanded ? license.key : shortenKey(license.key)}</code
        >
        <button
          type="button"
          part="copy-button"
          class="copy"
          aria-label=${msg(str`Copy license key for ${license.product}`, { id: 'license-elements.overview.copy-label' })}
          @click=${() => this.copyKey(license)}
        >
          ${msg('Copy', { id: 'license-elements.overview.copy' })}
        </button>
      </div>
      <div role="cell" class="number">${this.#renderSeats(row)}</div>
      <div role="cell">${this.#formats.date(license.issuedAt)}</div>
      <div role="cell">${this.#renderExpiry(row, updated)}</div>
      <div role="cell">
        <span part="status" class="status status-${status}"><span class="status-icon" aria-hidden="true"></span>${this.#statusLabel(status)}</span>
      </div>
    </div>`;
  }

  #renderSeats({ used, total }: Row): TemplateResult | string {
    const unknown = msg('Unknown', { id: 'license-elements.overview.unknown' });
    const usedText = used === null ? unknown : this.#formats.count(used);
    if (total === 'unlimited') return msg(str`${usedText} of unlimited`, { id: 'license-elements.overview.seats-unlimited' });

    const seatsText = msg(str`${usedText} of ${total === null ? unknown : this.#formats.count(total)}`, {
      id: 'license-elements.overview.seats-of',
    });
    if (used === null || total === null || total === 0) return seatsText;

    const excess = used - total;
    const excessText = excess > 0 ? msg(str`${this.#formats.count(excess)} over`, { id: 'license-elements.overview.seats-over' }) : '';
    // The meter never leaves its track: an over-allocated license shows a full bar and the excess in words.
    return html`<span class="seats-text">${seatsText}${excess > 0 ? html` <span class="excess">${excessText}</span>` : nothing}</span>
      <span
        part="meter"
        class="meter ${excess > 0 ? 'meter-over' : ''}"
        .role=${'meter'}
        aria-label=${msg('Seats used', { id: 'license-elements.overview.seats' })}
        aria-valuemin="0"
        aria-valuemax=${total}
        aria-valuenow=${Math.min(used, total)}
        aria-valuetext=${excess > 0 ? `${seatsText}, ${excessText}` : seatsText}
        ><span class="meter-fill" style=${styleMap({ inlineSize: `${(Math.min(used, total) / total) * 100}%` })}></span
      ></span>`;
  }

  #renderExpiry({ license, daysLeft }: Row, updated: boolean): TemplateResult | string {
    if (license.expiresAt === null || daysLeft === null) return msg('Never', { id: 'license-elements.overview.never' });
    return html`<time datetime=${license.expiresAt}>${this.#formats.date(license.expiresAt)}</time>
      <span class="relative">${this.#formats.relative(daysLeft)}</span>
      ${updated ? html`<span class="badge">${msg('Updated', { id: 'license-elements.overview.updated' })}</span>` : nothing}`;
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

  #matchCountText(total: number, shown: number): string {
    return msg(str`${this.#formats.count(shown)} of ${this.#formats.count(total)} licenses shown`, {
      id: 'license-elements.overview.match-count',
    });
  }

  /** Returns the rows, the filtered and sorted rows and the summary, recomputed only when an input changed. */
  #viewOf(licenses: License[]): { rows: Row[]; shown: Row[]; summary: Summary } {
    const inputs = [licenses, this.#options.expiringSoonDays(), this.#state.filterText, this.#state.filterStatus, this.#state.sortOrder, this.#options.locale()];
    const cached = this.#view;
    if (cached !== undefined && inputs.every((input, index) => input === cached.inputs[index])) return cached;

    // NOTE: statuses and days left are computed when an input changes, so a page left open past
    // midnight shows yesterday's phrases until the next reload, sort or filter.
    const rows = cached !== undefined && cached.inputs[0] === licenses && cached.inputs[1] === this.#options.expiringSoonDays() ? cached.rows : toRows(licenses, this.#options.expiringSoonDays(), Date.now());
    const shown = sortRows(filterRows(rows, this.#state.filterText, this.#state.filterStatus), this.#state.sortOrder, this.#options.locale());
    this.#view = { inputs, rows, shown, summary: summarize(rows) };
    return this.#view;
  }

  /** Marks the licenses whose expiry moved later since the previous answer, for {@link UPDATED_MARK_MS}. */
  markRenewals(licenses: License[]): void {
    if (licenses === this.#seenLicenses) return;
    const renewed = licenses.filter((license) => {
      const before = this.#seenExpiries.get(license.id);
      if (before === undefined || before === null || license.expiresAt === before) return false;
      return license.expiresAt === null || expiryInstant(license.expiresAt) > expiryInstant(before);
    });
    this.#seenLicenses = licenses;
    this.#seenExpiries = new Map(licenses.map((license) => [license.id, license.expiresAt]));
    if (renewed.length === 0) return;

    this.#state.updatedIds = new Set(renewed.map((license) => license.id));
    this.#host.requestUpdate();
    this.#options.announce(
      msg(str`Expiry updated: ${renewed.map((license) => license.product).join(', ')}.`, { id: 'license-elements.overview.renewed' }),
    );
    clearTimeout(this.#updatedTimer);
    this.#updatedTimer = setTimeout(() => {
      this.#state.updatedIds = new Set();
      this.#host.requestUpdate();
    }, UPDATED_MARK_MS);
  }

  /** Starts loading the virtualizer, once per page, and renders again when it has loaded or failed. */
  #loadVirtualizer(): void {
    if (virtualize !== undefined) return;
    virtualizerLoading ??= import('@lit-labs/virtualizer/virtualize.js').then(
      (module) => {
        virtualize = module.virtualize;
      },
      (error: unknown) => {
        // Without the virtualizer every row renders: slow for thousands of rows, but complete.
        console.warn('license-overview: @lit-labs/virtualizer could not be loaded; rendering every row.', error);
        virtualize = null;
      },
    );
    void virtualizerLoading.then(() => this.#host.requestUpdate());
  }

  readonly #onFilterText = (event: Event): void => {
    this.#state.filterText = (event.target as HTMLInputElement).value;
    this.#host.requestUpdate();
    void this.#announceMatches();
  };

  readonly #onFilterStatus = (event: Event): void => {
    this.#state.filterStatus = (event.target as HTMLSelectElement).value as DisplayStatus | 'all';
    this.#host.requestUpdate();
    void this.#announceMatches();
  };

  readonly #clearFilters = (): void => {
    this.#state.filterText = '';
    this.#host.requestUpdate();
    this.#state.filterStatus = 'all';
    this.#host.requestUpdate();
    void this.#announceMatches();
  };

  async #announceMatches(): Promise<void> {
    await this.#host.updateComplete;
    const view = this.#view;
    if (view !== undefined) this.#options.announce(this.#matchCountText(view.rows.length, view.shown.length));
  }

  #sortBy(column: SortColumn): void {
    const ascending = this.#state.sortOrder?.column === column && this.#state.sortOrder.direction === 'ascending';
    this.#state.sortOrder = { column, direction: ascending ? 'descending' : 'ascending' };
    this.#host.requestUpdate();
  }

  #onKeyKeydown(event: KeyboardEvent, license: License): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    void this.copyKey(license);
  }

  /**
   * Shows the whole key and copies it to the clipboard. Where the Clipboard API is unavailable or
   * rejects the write, selects the whole key and tells the admin to press the copy shortcut; "Copied"
   * is announced only after a successful write.
   */
  async copyKey(license: License): Promise<void> {
    this.#state.expandedKeyId = license.id;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const keyElement = this.#host.renderRoot.querySelector<HTMLElement>(`[data-license-id="${CSS.escape(license.id)}"]`);
    if (keyElement !== null) this.#selectAll(keyElement);
    try {
      if (navigator.clipboard === undefined) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(license.key);
      this.#options.announce(msg(str`License key for ${license.product} copied.`, { id: 'license-elements.overview.copied' }));
      emit(this.#host, 'license-key-copied', { license, method: 'clipboard' });
    } catch {
      if (keyElement !== null) this.#selectAll(keyElement);
      const shortcut = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd+C' : 'Ctrl+C';
      this.#options.announce(
        msg(str`The key is selected. Press ${shortcut} to copy it.`, { id: 'license-elements.overview.copy-manually' }),
      );
      emit(this.#host, 'license-key-copied', { license, method: 'selection' });
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

}
