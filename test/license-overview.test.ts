import './helpers/setup.ts';
import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.ts';
import {
  createSampleKeys,
  DEMO_READ_ONLY_USER,
  DEMO_SYSTEM_ADMIN,
  MemoryAdapter,
} from '../src/adapter/memory/index.ts';
import type { License, LicenseOverview } from '../src/index.ts';
import { provideLicenseAdapter } from '../src/index.ts';
import {
  clickWithMouse,
  deepActiveElement,
  doubleClickWithMouse,
  getByRole,
  nextTask,
  queryAllByRole,
  textOf,
  typeInto,
  waitFor,
} from './helpers/dom.ts';
import { RecordingAdapter } from './helpers/recording-adapter.ts';

const DAY_MS = 86_400_000;

/** Returns the UTC date `days` from now as a date-only value, as the sample data computes it. */
function isoDateIn(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Formats a date-only value as an en-US medium date of that calendar day. */
function usDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(isoDate));
}

function license(fields: Partial<License> & Pick<License, 'id' | 'product'>): License {
  return {
    key: `KEY-${fields.id.toUpperCase()}`,
    seatsUsed: 10,
    seatsTotal: 20,
    issuedAt: '2026-01-01',
    expiresAt: '2028-06-30',
    status: 'active',
    ...fields,
  };
}

async function renderOverview(adapter: MemoryAdapter | RecordingAdapter): Promise<LicenseOverview> {
  return fixture<LicenseOverview>(html`<license-overview lang="en-US" .adapter=${adapter}></license-overview>`);
}

async function waitForTable(element: LicenseOverview): Promise<HTMLElement> {
  return waitFor(() => getByRole(element, 'table', 'Licenses'), 'the license table');
}

/** Finds the row whose header cell is `product`. */
function rowOf(element: LicenseOverview, product: string): HTMLElement {
  return getByRole(element, 'rowheader', product).closest<HTMLElement>('[role="row"]')!;
}

/** Returns the texts of the row's data cells: key, seats, issue date, expiry, status. */
function cellTexts(row: HTMLElement): string[] {
  return queryAllByRole(row, 'cell').map(textOf);
}

/** Returns the expiry date shown in the row, without its relative phrase. */
function expiryDateOf(row: HTMLElement): string {
  const time = row.querySelector('time');
  return time === null ? cellTexts(row)[3]! : textOf(time);
}

function liveRegion(element: LicenseOverview): HTMLElement {
  return getByRole(element, 'status');
}

/** Records every text the live region shows from now on, including ones replaced right away. */
function recordAnnouncements(element: LicenseOverview): { texts: string[]; stop(): void } {
  const texts: string[] = [];
  const observer = new MutationObserver(() => {
    const text = textOf(liveRegion(element));
    if (text !== '' && texts.at(-1) !== text) texts.push(text);
  });
  observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { texts, stop: () => observer.disconnect() };
}

/** Undoes the emulated timezone and clock of the current test. */
const restorers: Array<() => void> = [];

afterEach(() => {
  while (restorers.length > 0) restorers.pop()!();
});

/**
 * Makes Intl.DateTimeFormat default to `timeZone`, as a browser set to that zone does. The overview
 * reads the browser's calendar date and formats timestamps through Intl.DateTimeFormat only.
 */
function emulateTimeZone(timeZone: string): void {
  const Original = Intl.DateTimeFormat;
  const WithZone = function (locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
    return new Original(locales, { timeZone, ...options });
  };
  WithZone.prototype = Original.prototype;
  WithZone.supportedLocalesOf = Original.supportedLocalesOf;
  Intl.DateTimeFormat = WithZone as unknown as typeof Intl.DateTimeFormat;
  restorers.push(() => {
    Intl.DateTimeFormat = Original;
  });
  expect(new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone, 'emulated zone').to.equal(timeZone);
}

/** Makes Date.now return `iso` (an ISO 8601 timestamp) for the rest of the test. */
function setClock(iso: string): void {
  const original = Date.now;
  const fixed = Date.parse(iso);
  Date.now = () => fixed;
  restorers.push(() => {
    Date.now = original;
  });
}

/** Returns `count` licenses named "Product 1" to "Product <count>". */
function manyLicenses(count: number): License[] {
  return Array.from({ length: count }, (_, index) =>
    license({ id: `bulk-${index + 1}`, product: `Product ${index + 1}`, seatsUsed: index % 120, seatsTotal: 100 }),
  );
}

describe('license-overview', () => {
  describe('states', () => {
    it('shows loading until the adapter resolves', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ latencyMs: 100 }));
      adapter.hold('listLicenses');
      const element = await renderOverview(adapter);

      const loading = await waitFor(() => getByRole(element, 'status', 'Loading licenses…'), 'the loading state');
      expect(loading.isConnected).to.equal(true);
      expect(queryAllByRole(element, 'table')).to.have.length(0);
      await expect(element).to.be.accessible();

      adapter.callsOf('listLicenses')[0]!.proceed();
      await waitForTable(element);
      expect(queryAllByRole(element, 'status', 'Loading licenses…')).to.have.length(0);
    });

    it('renders product, seats, expiry and status', async () => {
      emulateTimeZone('UTC');
      const element = await renderOverview(new MemoryAdapter());
      const table = await waitForTable(element);

      expect(queryAllByRole(table, 'columnheader').map(textOf)).to.deep.equal([
        'Product',
        'License key',
        'Seats used',
        'Issued',
        'Expires',
        'Status',
      ]);
      expect(queryAllByRole(table, 'rowheader').map(textOf)).to.deep.equal([
        'MFA Server',
        'Mobile Token',
        'Hardware Token',
        'SMS Passcode',
        'Self-Service Portal',
      ]);
      const row = rowOf(element, 'MFA Server');
      const [key, seats, , expires, status] = cellTexts(row);
      expect(key, 'key cell').to.match(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4} Copy$/);
      expect(seats, 'seats cell').to.equal('212 of 250');
      expect(expires, 'expiry cell').to.equal(`${usDate(isoDateIn(200))} in 200 days`);
      expect(status, 'status cell').to.equal('Active');
      await expect(element).to.be.accessible();
    });

    it('states each status in text', async () => {
      const adapter = new MemoryAdapter({
        licenses: [
          ...new MemoryAdapter().licenses,
          license({ id: 'suspended', product: 'Password Reset', status: 'suspended' }),
          license({ id: 'perpetual', product: 'Analytics Suite', expiresAt: null }),
        ],
      });
      const element = await renderOverview(adapter);
      await waitForTable(element);

      const expected: Array<[string, string]> = [
        ['MFA Server', 'Active'],
        ['Mobile Token', 'Expiring soon'],
        ['Hardware Token', 'Expired'],
        ['SMS Passcode', 'Over-allocated'],
        ['Self-Service Portal', 'Unlimited'],
        ['Password Reset', 'Suspended'],
        ['Analytics Suite', 'Active'],
      ];
      for (const [product, status] of expected) {
        expect(cellTexts(rowOf(element, product))[4], `status of ${product}`).to.equal(status);
      }
      expect(cellTexts(rowOf(element, 'Self-Service Portal'))[1], 'unlimited seats').to.equal('1,840 of unlimited');
      expect(cellTexts(rowOf(element, 'Analytics Suite'))[3], 'perpetual expiry').to.equal('Never');
    });

    it('shows the empty state', async () => {
      const element = await renderOverview(new MemoryAdapter({ licenses: [] }));

      await waitFor(() => getByRole(element, 'heading', 'No licenses yet'), 'the empty state');
      expect(queryAllByRole(element, 'table')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('shows an error with Retry that loads', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('network', 'listLicenses');
      const element = await renderOverview(adapter);

      const alert = await waitFor(() => getByRole(element, 'alert'), 'the error state');
      expect(getByRole(alert, 'heading').textContent?.trim()).to.equal('Licenses could not be loaded');
      expect(textOf(alert)).to.contain('The server could not be reached. Check your connection, then try again.');
      await expect(element).to.be.accessible();

      await clickWithMouse(getByRole(element, 'button', 'Retry'));

      const table = await waitForTable(element);
      expect(queryAllByRole(table, 'rowheader')).to.have.length(5);
      expect(queryAllByRole(element, 'alert')).to.have.length(0);
    });

    it('requires administrator access for a read-only user', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ user: DEMO_READ_ONLY_USER }));
      const element = await renderOverview(adapter);

      const region = await waitFor(() => getByRole(element, 'region', 'Administrator access required'), 'the access state');
      expect(textOf(region)).to.contain('Only administrators can view and manage licenses.');
      expect(queryAllByRole(element, 'table')).to.have.length(0);
      expect(adapter.callsOf('listLicenses'), 'listLicenses calls').to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('requires administrator access on a forbidden answer', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('forbidden', 'listLicenses');
      const element = await renderOverview(adapter);

      await waitFor(() => getByRole(element, 'region', 'Administrator access required'), 'the access state');
      expect(queryAllByRole(element, 'alert')).to.have.length(0);
      expect(queryAllByRole(element, 'table')).to.have.length(0);
    });

    it('shows the table to one_sys_admin', async () => {
      const element = await renderOverview(new MemoryAdapter({ user: DEMO_SYSTEM_ADMIN }));

      const table = await waitForTable(element);
      expect(queryAllByRole(table, 'rowheader')).to.have.length(5);
    });

    it('uses the adapter of a provider', async () => {
      const wrapper = fixtureSync<HTMLDivElement>(html`<div></div>`);
      const provider = provideLicenseAdapter(wrapper, new MemoryAdapter());
      const element = document.createElement('license-overview');
      wrapper.append(element);

      const table = await waitForTable(element);
      expect(element.adapter).to.equal(undefined);
      expect(queryAllByRole(table, 'rowheader')).to.have.length(5);

      provider.setValue(new MemoryAdapter({ licenses: [] }));
      await waitFor(() => getByRole(element, 'heading', 'No licenses yet'), 'the empty list of the new adapter');
    });
  });

  describe('summary and seats', () => {
    it('sums licenses, seats and attention', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      const summary = element.shadowRoot!.querySelector('[part="summary"]')!;
      const terms = [...summary.querySelectorAll('dt')].map(textOf);
      const values = [...summary.querySelectorAll('dd')].map(textOf);
      expect(terms).to.deep.equal(['Licenses', 'Seats used', 'Need attention']);
      // Seats of the four licenses with a number of bought seats: 212 + 97 + 50 + 612 of 250 + 100 + 50 + 500.
      expect(values).to.deep.equal(['5', '971 of 900', '3']);
    });

    it('shows seats on a meter', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      const meter = getByRole(rowOf(element, 'MFA Server'), 'meter', 'Seats used');
      expect(meter.getAttribute('aria-valuemin')).to.equal('0');
      expect(meter.getAttribute('aria-valuemax')).to.equal('250');
      expect(meter.getAttribute('aria-valuenow')).to.equal('212');
      expect(meter.getAttribute('aria-valuetext')).to.equal('212 of 250');
      const fill = meter.firstElementChild as HTMLElement;
      expect(fill.getBoundingClientRect().width / meter.getBoundingClientRect().width).to.be.closeTo(212 / 250, 0.01);
    });

    it('keeps an over-allocated meter in its track', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      const row = rowOf(element, 'SMS Passcode');
      expect(cellTexts(row)[1]).to.equal('612 of 500 112 over');
      const meter = getByRole(row, 'meter', 'Seats used');
      expect(meter.getAttribute('aria-valuenow'), 'value within the range').to.equal('500');
      expect(meter.getAttribute('aria-valuetext')).to.equal('612 of 500, 112 over');
      const fill = (meter.firstElementChild as HTMLElement).getBoundingClientRect();
      const track = meter.getBoundingClientRect();
      expect(fill.width, 'fill width').to.be.closeTo(track.width, 0.5);
      expect(fill.right, 'fill end').to.be.at.most(track.right + 0.5);
    });

    it('shows missing or invalid counts as unknown', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter());
      adapter.hold('listLicenses');
      const element = await renderOverview(adapter);
      const call = await waitFor(() => adapter.callsOf('listLicenses')[0], 'the list call');
      call.resolve([
        { ...license({ id: 'a', product: 'Alpha' }), seatsUsed: -4 },
        { ...license({ id: 'b', product: 'Beta' }), seatsUsed: 'many', seatsTotal: null },
        { ...license({ id: 'c', product: 'Gamma' }), seatsUsed: Number.NaN, seatsTotal: 'unlimited' },
        { ...license({ id: 'd', product: 'Delta' }), seatsUsed: 3, seatsTotal: -1 },
      ]);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[1]).to.equal('Unknown of 20');
      expect(cellTexts(rowOf(element, 'Beta'))[1]).to.equal('Unknown of Unknown');
      expect(cellTexts(rowOf(element, 'Gamma'))[1]).to.equal('Unknown of unlimited');
      expect(cellTexts(rowOf(element, 'Delta'))[1]).to.equal('3 of Unknown');
      expect(queryAllByRole(element, 'meter'), 'meters of unknown counts').to.have.length(0);
      expect(element.shadowRoot!.textContent).not.to.match(/NaN|-\d/);
      await expect(element).to.be.accessible();
    });

    it('groups large counts by locale', async () => {
      const adapter = new MemoryAdapter({
        licenses: [license({ id: 'a', product: 'Alpha', seatsUsed: 1_234_567, seatsTotal: 2_000_000 })],
      });
      const element = await fixture<LicenseOverview>(html`<license-overview lang="fr-CH" .adapter=${adapter}></license-overview>`);
      await waitForTable(element);

      const expected = `${new Intl.NumberFormat('fr-CH').format(1_234_567)} of ${new Intl.NumberFormat('fr-CH').format(2_000_000)}`;
      const seatsText = queryAllByRole(rowOf(element, 'Alpha'), 'cell')[1]!.textContent!.trim();
      expect(seatsText).to.equal(expected);
      expect(expected).to.match(/^1\D234\D567 of 2\D000\D000$/);
    });
  });

  describe('dates', () => {
    it('phrases days left and past', async () => {
      emulateTimeZone('UTC');
      setClock('2027-03-01T10:00:00Z');
      const adapter = new MemoryAdapter({
        licenses: [
          license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-13' }),
          license({ id: 'b', product: 'Beta', expiresAt: '2027-02-26', status: 'expired' }),
          license({ id: 'c', product: 'Gamma', expiresAt: '2027-03-01' }),
          license({ id: 'd', product: 'Delta', expiresAt: '2027-03-02' }),
        ],
      });
      const element = await renderOverview(adapter);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[3]).to.equal('Mar 13, 2027 in 12 days');
      expect(cellTexts(rowOf(element, 'Beta'))[3]).to.equal('Feb 26, 2027 3 days ago');
      expect(cellTexts(rowOf(element, 'Gamma'))[3]).to.equal('Mar 1, 2027 today');
      expect(cellTexts(rowOf(element, 'Delta'))[3]).to.equal('Mar 2, 2027 tomorrow');
      expect(cellTexts(rowOf(element, 'Gamma'))[4], 'valid through the end of the UTC day').to.equal('Expiring soon');
      expect(cellTexts(rowOf(element, 'Alpha'))[2], 'issue date').to.equal('Jan 1, 2026');
    });

    it('expires at the end of the UTC day', async () => {
      emulateTimeZone('UTC');
      setClock('2027-03-02T00:00:00Z');
      const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-01' })] });
      const element = await renderOverview(adapter);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[3]).to.equal('Mar 1, 2027 yesterday');
      expect(cellTexts(rowOf(element, 'Alpha'))[4]).to.equal('Expired');
    });

    it('counts calendar days west of UTC', async () => {
      emulateTimeZone('Pacific/Pago_Pago');
      // 12:00 on February 27 in Pago Pago (UTC-11).
      setClock('2027-02-27T23:00:00Z');
      const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-01' })] });
      const element = await renderOverview(adapter);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[3]).to.equal('Mar 1, 2027 in 2 days');
    });

    it('counts calendar days east of UTC', async () => {
      emulateTimeZone('Pacific/Kiritimati');
      // 13:00 on February 28 in Kiritimati (UTC+14).
      setClock('2027-02-27T23:00:00Z');
      const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-01' })] });
      const element = await renderOverview(adapter);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[3]).to.equal('Mar 1, 2027 tomorrow');
    });

    it('counts days across a daylight-saving change', async () => {
      emulateTimeZone('America/New_York');
      // 23:30 on March 13, 2027 in New York; clocks go forward on March 14, so that day has 23 hours.
      setClock('2027-03-14T04:30:00Z');
      const adapter = new MemoryAdapter({
        licenses: [
          license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-20' }),
          // 23:00 on March 19 in New York.
          license({ id: 'b', product: 'Beta', expiresAt: '2027-03-20T03:00:00Z' }),
        ],
      });
      const element = await renderOverview(adapter);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[3]).to.equal('Mar 20, 2027 in 7 days');
      expect(cellTexts(rowOf(element, 'Beta'))[3]).to.equal('Mar 19, 2027 in 6 days');
    });

    it('phrases days in the lang locale', async () => {
      emulateTimeZone('Europe/Berlin');
      setClock('2027-03-01T10:00:00Z');
      const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-13' })] });
      const element = await fixture<LicenseOverview>(html`<license-overview lang="de" .adapter=${adapter}></license-overview>`);
      await waitForTable(element);

      expect(cellTexts(rowOf(element, 'Alpha'))[3]).to.equal('13.03.2027 in 12 Tagen');
    });

    it('takes the expiring-soon window from the attribute', async () => {
      emulateTimeZone('UTC');
      setClock('2027-03-01T10:00:00Z');
      const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-13' })] });
      const element = await fixture<LicenseOverview>(
        html`<license-overview lang="en-US" expiring-soon-days="7" .adapter=${adapter}></license-overview>`,
      );
      await waitForTable(element);
      expect(cellTexts(rowOf(element, 'Alpha'))[4]).to.equal('Active');

      element.setAttribute('expiring-soon-days', '12');
      await waitFor(() => cellTexts(rowOf(element, 'Alpha'))[4] === 'Expiring soon', 'the wider window');
    });
  });

  describe('sorting and filtering', () => {
    function products(element: LicenseOverview): string[] {
      return queryAllByRole(element, 'rowheader').map(textOf);
    }

    it('sorts by product with the pointer', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);
      const header = getByRole(element, 'columnheader', 'Product');
      expect(header.getAttribute('aria-sort')).to.equal('none');

      await clickWithMouse(getByRole(header, 'button', 'Product'));
      await waitFor(() => header.getAttribute('aria-sort') === 'ascending', 'ascending order');
      expect(products(element)).to.deep.equal(['Hardware Token', 'MFA Server', 'Mobile Token', 'Self-Service Portal', 'SMS Passcode']);

      await clickWithMouse(getByRole(header, 'button', 'Product'));
      await waitFor(() => header.getAttribute('aria-sort') === 'descending', 'descending order');
      expect(products(element)).to.deep.equal(['SMS Passcode', 'Self-Service Portal', 'Mobile Token', 'MFA Server', 'Hardware Token']);
      await expect(element).to.be.accessible();
    });

    it('sorts by seats, expiry and status from the keyboard', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      const sortWithKeyboard = async (column: string): Promise<void> => {
        getByRole(getByRole(element, 'columnheader', column), 'button', column).focus();
        await sendKeys({ press: 'Enter' });
        await waitFor(() => getByRole(element, 'columnheader', column).getAttribute('aria-sort') === 'ascending', `${column} ascending`);
      };

      await sortWithKeyboard('Seats used');
      expect(products(element)).to.deep.equal(['Hardware Token', 'Mobile Token', 'MFA Server', 'SMS Passcode', 'Self-Service Portal']);
      expect(getByRole(element, 'columnheader', 'Product').getAttribute('aria-sort'), 'other column').to.equal('none');

      await sortWithKeyboard('Expires');
      expect(products(element)).to.deep.equal(['Hardware Token', 'Mobile Token', 'SMS Passcode', 'MFA Server', 'Self-Service Portal']);

      await sortWithKeyboard('Status');
      expect(products(element)).to.deep.equal(['Hardware Token', 'Mobile Token', 'SMS Passcode', 'MFA Server', 'Self-Service Portal']);
      await sendKeys({ press: 'Space' });
      await waitFor(() => getByRole(element, 'columnheader', 'Status').getAttribute('aria-sort') === 'descending', 'status descending');
      expect(products(element)).to.deep.equal(['Self-Service Portal', 'MFA Server', 'SMS Passcode', 'Mobile Token', 'Hardware Token']);
    });

    it('filters by text and announces the count', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      await typeInto(getByRole(element, 'textbox', /Filter by product or key/), 'token');
      await waitFor(() => products(element).length === 2, 'two matching rows');
      expect(products(element)).to.deep.equal(['Mobile Token', 'Hardware Token']);
      await waitFor(() => textOf(liveRegion(element)) === '2 of 5 licenses shown', 'the count announcement');
      expect(getByRole(element, 'table').getAttribute('aria-rowcount')).to.equal('3');
      await expect(element).to.be.accessible();
    });

    it('filters by status', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      const select = element.shadowRoot!.querySelector('select')!;
      expect(textOf(select.labels[0]!), 'label of the status filter').to.equal('Status');
      select.value = 'expired';
      select.dispatchEvent(new Event('change'));
      await waitFor(() => products(element).length === 1, 'one expired row');
      expect(products(element)).to.deep.equal(['Hardware Token']);
    });

    it('offers to clear a filter without matches', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);

      await typeInto(getByRole(element, 'textbox', /Filter by product or key/), 'nothing like this');
      await waitFor(() => queryAllByRole(element, 'table').length === 0, 'no table');
      expect(textOf(element.shadowRoot!.querySelector('[part="notice"]')!)).to.contain('No licenses match the filter.');
      await expect(element).to.be.accessible();

      await clickWithMouse(getByRole(element, 'button', 'Clear filter'));
      await waitFor(() => products(element).length === 5, 'every row again');
      expect(getByRole<HTMLInputElement>(element, 'textbox', /Filter by product or key/).value).to.equal('');
    });

    it('keeps the filter text through a reload', async () => {
      const element = await renderOverview(new MemoryAdapter());
      await waitForTable(element);
      await typeInto(getByRole(element, 'textbox', /Filter by product or key/), 'MFA');
      await waitFor(() => products(element).length === 1, 'one matching row');

      element.refresh();
      await waitFor(() => getByRole(element, 'table').getAttribute('aria-busy') === 'false', 'the reload');
      expect(getByRole<HTMLInputElement>(element, 'textbox', /Filter by product or key/).value).to.equal('MFA');
      expect(products(element)).to.deep.equal(['MFA Server']);
    });
  });

  describe('content', () => {
    it('shows markup in a product name as text', async () => {
      const product = '<img src="x" onerror="window.injected = true"><b>Bold</b>';
      const element = await renderOverview(new MemoryAdapter({ licenses: [license({ id: 'a', product })] }));
      await waitForTable(element);

      const header = getByRole(element, 'rowheader', product);
      expect(header.textContent).to.equal(product);
      expect(element.shadowRoot!.querySelector('img, b'), 'elements from the product name').to.equal(null);
      expect((window as { injected?: boolean }).injected).to.equal(undefined);
    });

    it('asks the host to add a license when empty', async () => {
      const element = await renderOverview(new MemoryAdapter({ licenses: [] }));
      const button = await waitFor(() => getByRole(element, 'button', 'Add a license'), 'the add button');

      const requested = oneEvent(document, 'license-add-request');
      await clickWithMouse(button);
      const event = await requested;

      expect(event.composed, 'composed').to.equal(true);
      expect(event.bubbles, 'bubbles').to.equal(true);
      expect(event.detail).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('marks a renewed row as updated', async () => {
      const adapter = new MemoryAdapter();
      const element = await renderOverview(adapter);
      await waitForTable(element);
      expect(textOf(rowOf(element, 'Mobile Token'))).not.to.contain('Updated');

      const result = await adapter.submitLicenseKey(createSampleKeys(Date.now()).renewal);
      if (result.kind !== 'activated') throw new Error('expected an activated license');
      document.dispatchEvent(new CustomEvent('license-added', { detail: { license: result.license, previous: result.previous } }));

      const row = await waitFor(() => {
        const found = rowOf(element, 'Mobile Token');
        return found.classList.contains('updated') && found;
      }, 'the marked row');
      expect(cellTexts(row)[3]).to.match(/Updated$/);
      expect(textOf(rowOf(element, 'MFA Server')), 'unchanged row').not.to.contain('Updated');
      await waitFor(() => textOf(liveRegion(element)) === 'Expiry updated: Mobile Token.', 'the renewal announcement');
      await expect(element).to.be.accessible();
    });
  });

  describe('many licenses', () => {
    /** The rows' group, which the virtualizer sizes to the whole list with an inline min-height. */
    function listBody(element: LicenseOverview): HTMLElement {
      return getByRole(element, 'table').querySelector<HTMLElement>('.body')!;
    }

    it('renders only the visible rows of 10,000', async () => {
      const element = await renderOverview(new MemoryAdapter({ licenses: manyLicenses(10_000) }));
      const table = await waitForTable(element);
      await waitFor(() => listBody(element).style.minHeight !== '', 'the virtualizer');

      expect(table.getAttribute('aria-rowcount')).to.equal('10001');
      const rendered = queryAllByRole(table, 'row').length;
      expect(rendered, 'rows in the DOM').to.be.within(2, 150);
      expect(getByRole(element, 'rowheader', 'Product 1').closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('2');
      const scroller = table.parentElement!;
      expect(scroller.getAttribute('tabindex'), 'keyboard-scrollable container').to.equal('0');
      await expect(element).to.be.accessible();

      scroller.scrollTop = scroller.scrollHeight;
      const last = await waitFor(() => rowOf(element, 'Product 10000'), 'the last row after scrolling');
      expect(last.getAttribute('aria-rowindex')).to.equal('10001');
      expect(queryAllByRole(table, 'row').length, 'rows in the DOM at the end').to.be.below(150);
    });

    it('renders short lists without the virtualizer', async () => {
      const element = await renderOverview(new MemoryAdapter({ licenses: manyLicenses(200) }));
      await waitForTable(element);

      expect(queryAllByRole(element, 'rowheader')).to.have.length(200);
      expect(listBody(element).getAttribute('style')).to.equal(null);
    });

    it('sorts and filters 10,000 licenses', async () => {
      const element = await renderOverview(new MemoryAdapter({ licenses: manyLicenses(10_000) }));
      await waitForTable(element);

      await clickWithMouse(getByRole(element, 'button', 'Product'));
      await clickWithMouse(getByRole(element, 'button', 'Product'));
      await waitFor(() => getByRole(element, 'columnheader', 'Product').getAttribute('aria-sort') === 'descending', 'descending order');
      await waitFor(() => queryAllByRole(element, 'rowheader').map(textOf)[0] === 'Product 10000', 'the last product first');

      await typeInto(getByRole(element, 'textbox', /Filter by product or key/), 'Product 42');
      await waitFor(() => getByRole(element, 'table').getAttribute('aria-rowcount') === '112', 'the 111 matches');
      expect(queryAllByRole(element, 'rowheader').map(textOf)[0]).to.equal('Product 4299');

      await typeInto(getByRole(element, 'textbox', /Filter by product or key/), '9');
      await waitFor(() => getByRole(element, 'table').getAttribute('aria-rowcount') === '12', 'the 11 matches of "Product 429"');
      expect(queryAllByRole(element, 'rowheader'), 'every row of the short list').to.have.length(11);
      expect(listBody(element).getAttribute('style'), 'styles left by the virtualizer').to.equal(null);
    });
  });

  describe('copying a key', () => {
    let restoreClipboard: (() => void) | undefined;

    /** Replaces navigator.clipboard.writeText for this test; returns the texts it received. */
    function stubWriteText(outcome: 'resolve' | 'reject'): string[] {
      const written: string[] = [];
      const clipboard = navigator.clipboard;
      clipboard.writeText = async (text: string) => {
        written.push(text);
        if (outcome === 'reject') throw new DOMException('Write permission denied.', 'NotAllowedError');
      };
      restoreClipboard = () => {
        delete (clipboard as Partial<Clipboard>).writeText;
      };
      return written;
    }

    afterEach(() => {
      restoreClipboard?.();
      restoreClipboard = undefined;
      window.getSelection()?.removeAllRanges();
    });

    it('copies the whole key on double-click', async () => {
      const written = stubWriteText('resolve');
      const adapter = new MemoryAdapter();
      const element = await renderOverview(adapter);
      await waitForTable(element);
      const key = adapter.licenses[0]!.key;
      const keyElement = rowOf(element, 'MFA Server').querySelector('code')!;

      const copied = oneEvent(element, 'license-key-copied');
      await doubleClickWithMouse(keyElement);
      const event = await copied;

      expect(written).to.deep.equal([key]);
      expect(event.detail.method).to.equal('clipboard');
      expect(event.detail.license.key).to.equal(key);
      expect(window.getSelection()?.toString(), 'selection after the double-click').to.equal(key);
      await waitFor(() => textOf(liveRegion(element)) === 'License key for MFA Server copied.', 'the copied announcement');
    });

    it('copies the whole key with the copy button', async () => {
      const written = stubWriteText('resolve');
      const adapter = new MemoryAdapter();
      const element = await renderOverview(adapter);
      await waitForTable(element);

      const copied = oneEvent(element, 'license-key-copied');
      await clickWithMouse(getByRole(element, 'button', 'Copy license key for Mobile Token'));
      const event = await copied;

      expect(written).to.deep.equal([adapter.licenses[1]!.key]);
      expect(event.detail.method).to.equal('clipboard');
      await waitFor(() => textOf(liveRegion(element)) === 'License key for Mobile Token copied.', 'the copied announcement');
    });

    it('copies from the keyboard', async () => {
      const written = stubWriteText('resolve');
      const adapter = new MemoryAdapter();
      const element = await renderOverview(adapter);
      await waitForTable(element);

      const firstKey = rowOf(element, 'MFA Server').querySelector<HTMLElement>('[part="key"]')!;
      firstKey.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(getByRole(element, 'button', 'Copy license key for MFA Server'));
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(getByRole(element, 'button', 'Copy license key for Mobile Token'));
      await sendKeys({ press: 'Space' });

      const [first, second] = adapter.licenses;
      await waitFor(() => written.length === 2, 'two clipboard writes');
      expect(written).to.deep.equal([first!.key, second!.key]);
    });

    it('shortens a long key and copies it whole', async () => {
      const written = stubWriteText('resolve');
      const key = '4F81A2-9C03DE-77B1F0-E2A94C-0D5B36-V3';
      const element = await renderOverview(new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', key })] }));
      await waitForTable(element);
      const keyElement = getByRole(rowOf(element, 'Alpha'), 'button', '4F81A2-9C03D…D5B36-V3');

      keyElement.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => written.length === 1, 'the clipboard write');

      expect(written).to.deep.equal([key]);
      await waitFor(() => textOf(keyElement) === key, 'the whole key after copying');
      expect(window.getSelection()?.toString(), 'selection').to.equal(key);
    });

    it('selects a whole multi-line key when the clipboard refuses', async () => {
      stubWriteText('reject');
      const key = '-----BEGIN LICENSE FILE-----\neyJlbmMiOiJleUp3Y205a2RXTjBJam9nSWtWNFlXMXdiR1VnVFVaQklGTmxjblps\nY2lJc0lDSnpaV0YwY3lJNklESTFNQ3dnSW1WNGNHbHllU0k2SUNJeU1ESTNMVEEy\n-----END LICENSE FILE-----';
      const element = await renderOverview(new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', key })] }));
      await waitForTable(element);
      const keyElement = rowOf(element, 'Alpha').querySelector<HTMLElement>('[part="key"]')!;
      expect(textOf(keyElement), 'shortened key').to.equal('-----BEGIN L…ILE-----');

      await doubleClickWithMouse(keyElement);
      await waitFor(() => /Press (Ctrl|Cmd)\+C/.test(textOf(liveRegion(element))), 'the copy shortcut advice');

      expect(window.getSelection()?.toString()).to.equal(key);
    });

    it('selects the key when the clipboard refuses', async () => {
      const written = stubWriteText('reject');
      const adapter = new MemoryAdapter();
      const element = await renderOverview(adapter);
      await waitForTable(element);
      const key = adapter.licenses[0]!.key;

      const announcements = recordAnnouncements(element);
      const methods: string[] = [];
      element.addEventListener('license-key-copied', (event) => methods.push(event.detail.method));
      await clickWithMouse(getByRole(element, 'button', 'Copy license key for MFA Server'));
      await waitFor(() => /Press (Ctrl|Cmd)\+C to copy it\./.test(textOf(liveRegion(element))), 'the copy shortcut advice');
      announcements.stop();

      expect(written).to.deep.equal([key]);
      expect(methods, 'methods of license-key-copied').to.deep.equal(['selection']);
      expect(window.getSelection()?.toString()).to.equal(key);
      expect(announcements.texts, 'announcements').to.have.length(1);
      expect(announcements.texts[0]).to.match(/^The key is selected\. Press (Ctrl|Cmd)\+C to copy it\.$/);
      expect(element.shadowRoot!.textContent).not.to.match(/copied/i);
    });
  });

  describe('keeping the list current', () => {
    it('shows a license added by an upload on the page', async () => {
      const adapter = new MemoryAdapter();
      const page = fixtureSync<HTMLDivElement>(html`<div lang="en-US">
        <license-overview .adapter=${adapter}></license-overview>
        <license-upload .adapter=${adapter}></license-upload>
      </div>`);
      const overview = page.querySelector('license-overview')!;
      const upload = page.querySelector('license-upload')!;
      await waitForTable(overview);
      expect(queryAllByRole(overview, 'rowheader', 'Password Reset')).to.have.length(0);

      const box = await waitFor(() => getByRole<HTMLTextAreaElement>(upload, 'textbox', 'License key'), 'the key box');
      await typeInto(box, createSampleKeys(Date.now()).newProduct);
      await clickWithMouse(getByRole(upload, 'button', 'Save'));

      const row = await waitFor(() => rowOf(overview, 'Password Reset'), 'the new row');
      expect(cellTexts(row)[1]).to.equal('0 of 1,000');
    });

    it('shows a renewal made while detached', async () => {
      const adapter = new MemoryAdapter();
      const element = await renderOverview(adapter);
      await waitForTable(element);
      const parent = element.parentElement!;

      element.remove();
      const keys = createSampleKeys(Date.now());
      const result = await adapter.submitLicenseKey(keys.renewal);
      if (result.kind !== 'activated') throw new Error('expected an activated license');
      document.dispatchEvent(new CustomEvent('license-added', { detail: { license: result.license } }));
      parent.append(element);

      await waitFor(() => expiryDateOf(rowOf(element, 'Mobile Token')) === usDate(isoDateIn(377)), 'the renewed expiry');
    });

    it('drops an older answer that arrives first', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter());
      adapter.hold('listLicenses');
      const element = await renderOverview(adapter);
      const lists = () => adapter.callsOf('listLicenses');
      await waitFor(() => lists().length === 1, 'the first load');
      lists()[0]!.resolve([license({ id: 'a', product: 'Alpha' })]);
      await waitFor(() => rowOf(element, 'Alpha'), 'the first answer');

      element.refresh();
      await waitFor(() => lists().length === 2, 'the second load');
      element.refresh();
      await waitFor(() => lists().length === 3, 'the third load');
      expect(lists()[1]!.signal?.aborted, 'the older call is aborted').to.equal(true);
      expect(lists()[2]!.signal?.aborted, 'the newer call is not aborted').to.equal(false);

      lists()[1]!.resolve([license({ id: 'b', product: 'Beta' })]);
      await lists()[1]!.settled;
      await nextTask();
      expect(queryAllByRole(element, 'rowheader', 'Beta'), 'rows of the older answer').to.have.length(0);
      expect(getByRole(element, 'table').getAttribute('aria-busy')).to.equal('true');

      lists()[2]!.resolve([license({ id: 'c', product: 'Gamma' })]);
      await waitFor(() => rowOf(element, 'Gamma'), 'the newer answer');
      expect(queryAllByRole(element, 'rowheader').map(textOf)).to.deep.equal(['Gamma']);
      expect(getByRole(element, 'table').getAttribute('aria-busy')).to.equal('false');
    });

    it('keeps the newer answer when the older arrives last', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ latencyMs: 20 }));
      const element = await renderOverview(adapter);
      await waitForTable(element);
      adapter.hold('listLicenses');
      const lists = () => adapter.callsOf('listLicenses');

      element.refresh();
      await waitFor(() => lists().length === 2, 'the second load');
      element.refresh();
      await waitFor(() => lists().length === 3, 'the third load');
      expect(lists()[1]!.signal?.aborted, 'the older call is aborted').to.equal(true);

      lists()[2]!.resolve([license({ id: 'c', product: 'Gamma' })]);
      await waitFor(() => rowOf(element, 'Gamma'), 'the newer answer');
      lists()[1]!.resolve([license({ id: 'b', product: 'Beta' })]);
      await lists()[1]!.settled;
      await nextTask();

      expect(queryAllByRole(element, 'rowheader').map(textOf)).to.deep.equal(['Gamma']);
    });

    it('aborts on removal and reloads on re-adding', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ latencyMs: 50 }));
      const element = await renderOverview(adapter);
      const userCall = await waitFor(() => adapter.callsOf('getCurrentUser')[0], 'the first call');
      const parent = element.parentElement!;

      element.remove();
      expect(userCall.signal?.aborted, 'signal of the call in flight').to.equal(true);
      await userCall.settled;
      await nextTask();
      expect(adapter.callsOf('listLicenses'), 'listLicenses calls while removed').to.have.length(0);

      parent.append(element);
      const table = await waitForTable(element);
      expect(queryAllByRole(table, 'rowheader')).to.have.length(5);
      expect(queryAllByRole(element, 'alert')).to.have.length(0);
    });

    it('loads after being moved while loading', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter());
      adapter.hold('listLicenses');
      const element = await renderOverview(adapter);
      const lists = () => adapter.callsOf('listLicenses');
      await waitFor(() => lists().length === 1, 'the first load');
      const otherParent = document.createElement('div');
      element.parentElement!.after(otherParent);

      try {
        otherParent.append(element);
        expect(lists()[0]!.signal?.aborted, 'signal of the load in flight').to.equal(true);

        await waitFor(() => lists().length === 2, 'a new load after the move');
        lists()[1]!.proceed();
        const table = await waitForTable(element);
        expect(queryAllByRole(table, 'rowheader')).to.have.length(5);
      } finally {
        otherParent.remove();
      }
    });
  });

  describe('formatting', () => {
    for (const timeZone of ['Pacific/Pago_Pago', 'Pacific/Kiritimati']) {
      it(`shows a date-only expiry as that day in ${timeZone}`, async () => {
        emulateTimeZone(timeZone);
        const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-01' })] });
        const element = await renderOverview(adapter);
        await waitForTable(element);

        expect(expiryDateOf(rowOf(element, 'Alpha'))).to.equal('Mar 1, 2027');
      });
    }

    it('formats dates and numbers in the lang locale', async () => {
      const adapter = new MemoryAdapter({
        licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-01', seatsUsed: 1840, seatsTotal: 2500 })],
      });
      const element = await fixture<LicenseOverview>(html`<license-overview lang="de" .adapter=${adapter}></license-overview>`);
      await waitForTable(element);

      const row = rowOf(element, 'Alpha');
      const [, seats] = cellTexts(row);
      expect(expiryDateOf(row)).to.equal('01.03.2027');
      expect(seats).to.equal('1.840 of 2.500');
    });

    it('takes the locale from an ancestor', async () => {
      const adapter = new MemoryAdapter({ licenses: [license({ id: 'a', product: 'Alpha', expiresAt: '2027-03-01' })] });
      const page = fixtureSync<HTMLDivElement>(html`<div lang="de"><license-overview .adapter=${adapter}></license-overview></div>`);
      const element = page.querySelector('license-overview')!;
      await waitForTable(element);

      expect(expiryDateOf(rowOf(element, 'Alpha'))).to.equal('01.03.2027');
    });
  });
});
