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
    let restoreDateTimeFormat: (() => void) | undefined;

    /** Makes Intl.DateTimeFormat default to `timeZone`, as a browser set to that zone does. */
    function emulateTimeZone(timeZone: string): void {
      const Original = Intl.DateTimeFormat;
      const WithZone = function (locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
        return new Original(locales, { timeZone, ...options });
      };
      WithZone.prototype = Original.prototype;
      WithZone.supportedLocalesOf = Original.supportedLocalesOf;
      Intl.DateTimeFormat = WithZone as unknown as typeof Intl.DateTimeFormat;
      restoreDateTimeFormat = () => {
        Intl.DateTimeFormat = Original;
      };
    }

    afterEach(() => {
      restoreDateTimeFormat?.();
      restoreDateTimeFormat = undefined;
    });

    for (const timeZone of ['Pacific/Pago_Pago', 'Pacific/Kiritimati']) {
      it(`shows a date-only expiry as that day in ${timeZone}`, async () => {
        emulateTimeZone(timeZone);
        expect(new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone, 'emulated zone').to.equal(timeZone);
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
