import '../src/license-overview/define.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  createSampleKeys,
  createSampleLicenses,
  DEMO_READ_ONLY_USER,
  DEMO_SYSTEM_ADMIN,
  MemoryAdapter,
} from '../src/adapter/memory/index.js';
import type { License } from '../src/adapter/types.js';
import { memoryAdapterOf, PENDING_FOREVER_MS, shadowQueries, textOf, themeTokenStyle, type ThemeTokenArgs } from './story-helpers.js';

interface OverviewArgs extends ThemeTokenArgs {
  'expiring-soon-days': number;
}

/** Returns an adapter whose only licenses are the demo licenses that match `predicate`, dated relative to now. */
function adapterWithSampleLicensesWhere(predicate: (license: License) => boolean): MemoryAdapter {
  return new MemoryAdapter({ licenses: createSampleLicenses(Date.now()).filter(predicate) });
}

/** Returns an adapter whose first `listLicenses` call fails as if the server could not be reached. */
function adapterFailingFirstList(): MemoryAdapter {
  const adapter = new MemoryAdapter();
  adapter.failNext('network', 'listLicenses');
  return adapter;
}

/**
 * Returns a render function that gives the overview the adapter `createAdapter` makes. Each render
 * makes a new adapter, so stories never share data or injected failures.
 */
function renderOverview(createAdapter: () => MemoryAdapter = () => new MemoryAdapter()) {
  return (args: OverviewArgs) => {
    const adapter = createAdapter();
    return html`<license-overview
      .adapter=${adapter}
      expiring-soon-days=${args['expiring-soon-days']}
      style=${themeTokenStyle(args)}
    ></license-overview>`;
  };
}

/** Waits for the table of licenses and returns its body rows. */
async function findLicenseRows(canvasElement: HTMLElement): Promise<HTMLElement[]> {
  const overview = shadowQueries(canvasElement, 'license-overview');
  const table = await overview.findByRole('table', { name: 'Licenses' });
  const [, ...bodyRows] = within(table).getAllByRole('row');
  return bodyRows;
}

const meta = {
  title: 'Elements/license-overview',
  component: 'license-overview',
  args: { 'expiring-soon-days': 30 },
  argTypes: {
    'expiring-soon-days': { control: { type: 'number', min: 0, step: 1 } },
  },
  render: renderOverview(),
} satisfies Meta<OverviewArgs>;

export default meta;
type Story = StoryObj<OverviewArgs>;

/** The demo data: a healthy license, one expiring soon, one expired, one over-allocated and one with unlimited seats. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const rows = await findLicenseRows(canvasElement);
    await expect(rows).toHaveLength(5);

    const statuses = rows.map((row) => within(row).getAllByRole('cell').at(-1)?.textContent?.trim());
    await expect(statuses).toEqual(['Active', 'Expiring soon', 'Expired', 'Over-allocated', 'Unlimited']);

    const overview = shadowQueries(canvasElement, 'license-overview');
    await expect(overview.getByText('Need attention').nextElementSibling).toHaveTextContent('3');
    await expect(within(rows[0]!).getByRole('meter', { name: 'Seats used' })).toHaveAttribute('aria-valuenow', '212');
  },
};

/** Every call takes a day, so the overview stays in its loading state. */
export const Loading: Story = {
  render: renderOverview(() => new MemoryAdapter({ latencyMs: PENDING_FOREVER_MS })),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    await expect(await overview.findByText('Loading licenses…')).toBeVisible();
    await expect(overview.queryByRole('table')).toBeNull();
  },
};

/** No license is installed yet. */
export const Empty: Story = {
  render: renderOverview(() => new MemoryAdapter({ licenses: [] })),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    await expect(await overview.findByRole('heading', { name: 'No licenses yet' })).toBeVisible();
    await expect(overview.queryByRole('table')).toBeNull();
  },
};

/** "Add a license" in the empty state fires `license-add-request`, which the host routes to its upload. */
export const EmptyAddRequest: Story = {
  render: renderOverview(() => new MemoryAdapter({ licenses: [] })),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    const requests: Event[] = [];
    canvasElement.addEventListener('license-add-request', (event) => requests.push(event));

    await userEvent.click(await overview.findByRole('button', { name: 'Add a license' }));
    await expect(requests).toHaveLength(1);
  },
};

/** The license list could not be loaded: the overview explains why and offers Retry. */
export const Error: Story = {
  render: renderOverview(adapterFailingFirstList),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    const alert = await overview.findByRole('alert');
    await expect(within(alert).getByRole('heading', { name: 'Licenses could not be loaded' })).toBeVisible();
    await expect(alert).toHaveTextContent('The server could not be reached.');
    await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
  },
};

/** Retry after a failed load shows the licenses, because the injected failure hit only the first call. */
export const RetryAfterError: Story = {
  render: renderOverview(adapterFailingFirstList),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    await userEvent.click(await overview.findByRole('button', { name: 'Retry' }));

    const rows = await findLicenseRows(canvasElement);
    await expect(rows).toHaveLength(5);
    await expect(overview.queryByRole('alert')).toBeNull();
  },
};

/** A signed-in user without the Admin role sees why the licenses are hidden. */
export const AccessRequired: Story = {
  render: renderOverview(() => new MemoryAdapter({ user: DEMO_READ_ONLY_USER })),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    await expect(await overview.findByRole('heading', { name: 'Administrator access required' })).toBeVisible();
    await expect(overview.queryByRole('table')).toBeNull();
  },
};

/** The built-in `one_sys_admin` account may manage licenses whatever its role. */
export const SystemAdministrator: Story = {
  render: renderOverview(() => new MemoryAdapter({ user: DEMO_SYSTEM_ADMIN })),
  play: async ({ canvasElement }) => {
    const rows = await findLicenseRows(canvasElement);
    await expect(rows).toHaveLength(5);
  },
};

/** A license that expires in 12 days, within the default `expiring-soon-days` of 30. */
export const ExpiringSoon: Story = {
  render: renderOverview(() => adapterWithSampleLicensesWhere((license) => license.product === 'Mobile Token')),
  play: async ({ canvasElement }) => {
    const [row] = await findLicenseRows(canvasElement);
    await expect(row).toHaveTextContent('Expiring soon');
  },
};

/** A license with unlimited seats. */
export const Unlimited: Story = {
  render: renderOverview(() => adapterWithSampleLicensesWhere((license) => license.seatsTotal === 'unlimited')),
  play: async ({ canvasElement, globals }) => {
    const [row] = await findLicenseRows(canvasElement);
    const seatsUsed = new Intl.NumberFormat(globals['locale'] as string).format(1840);
    await expect(row).toHaveTextContent(`${seatsUsed} of unlimited`);
    await expect(row).toHaveTextContent('Unlimited');
  },
};

/** More seats in use than bought. */
export const OverAllocated: Story = {
  render: renderOverview(() =>
    adapterWithSampleLicensesWhere(
      (license) => typeof license.seatsTotal === 'number' && license.seatsUsed !== null && license.seatsUsed > license.seatsTotal,
    ),
  ),
  play: async ({ canvasElement }) => {
    const [row] = await findLicenseRows(canvasElement);
    await expect(row).toHaveTextContent('612 of 500');
    await expect(row).toHaveTextContent('Over-allocated');
  },
};

/** A license whose expiry date has passed. */
export const Expired: Story = {
  render: renderOverview(() => adapterWithSampleLicensesWhere((license) => license.status === 'expired')),
  play: async ({ canvasElement }) => {
    const [row] = await findLicenseRows(canvasElement);
    await expect(row).toHaveTextContent('Hardware Token');
    await expect(row).toHaveTextContent('Expired');
  },
};

/** A license the vendor suspended: the status says so in words, next to a square icon. */
export const Suspended: Story = {
  render: renderOverview(() => new MemoryAdapter({ licenses: [{ ...createSampleLicenses(Date.now())[0]!, status: 'suspended' }] })),
  play: async ({ canvasElement }) => {
    const [row] = await findLicenseRows(canvasElement);
    await expect(within(row!).getAllByRole('cell').at(-1)).toHaveTextContent('Suspended');
  },
};

/**
 * Matches the announcement after a copy: "copied" when the clipboard accepted the key, or the
 * shortcut hint when the browser refused the clipboard and the element only selected the key.
 */
const COPY_ANNOUNCEMENT = /^(License key for MFA Server copied\.|The key is selected\. Press (Ctrl|Cmd)\+C to copy it\.)$/;

/** The copy button beside each key copies it and announces the result to screen readers. */
export const CopyKeyWithButton: Story = {
  play: async ({ canvasElement }) => {
    const [firstRow] = await findLicenseRows(canvasElement);
    const key = within(firstRow!).getByTitle('Double-click or press Enter to copy');
    const overview = shadowQueries(canvasElement, 'license-overview');
    await userEvent.click(overview.getByRole('button', { name: 'Copy license key for MFA Server' }));

    await waitFor(() => expect(overview.getByText(COPY_ANNOUNCEMENT)).toBeInTheDocument());
    await expect(window.getSelection()?.toString()).toBe(key.textContent);
  },
};

/** Double-clicking a key copies the whole key, the gesture admins use to copy a key for a renewal. */
export const CopyKeyWithDoubleClick: Story = {
  play: async ({ canvasElement }) => {
    const [firstRow] = await findLicenseRows(canvasElement);
    const overview = shadowQueries(canvasElement, 'license-overview');
    await userEvent.dblClick(within(firstRow!).getByTitle('Double-click or press Enter to copy'));

    await waitFor(() => expect(overview.getByText(COPY_ANNOUNCEMENT)).toBeInTheDocument());
  },
};

/** Sorting by a column header: the list orders by expiry, soonest first, and the header carries `aria-sort`. */
export const SortedByExpiry: Story = {
  play: async ({ canvasElement }) => {
    await findLicenseRows(canvasElement);
    const overview = shadowQueries(canvasElement, 'license-overview');
    await userEvent.click(overview.getByRole('button', { name: 'Expires' }));

    await waitFor(() => expect(overview.getByRole('columnheader', { name: 'Expires' })).toHaveAttribute('aria-sort', 'ascending'));
    const products = overview.getAllByRole('rowheader').map(textOf);
    await expect(products).toEqual(['Hardware Token', 'Mobile Token', 'SMS Passcode', 'MFA Server', 'Self-Service Portal']);
  },
};

/** The status filter keeps only the expired license, and the count of shown licenses appears. */
export const FilteredByStatus: Story = {
  play: async ({ canvasElement }) => {
    await findLicenseRows(canvasElement);
    const overview = shadowQueries(canvasElement, 'license-overview');
    await userEvent.selectOptions(overview.getByRole('combobox', { name: 'Status' }), 'expired');

    await waitFor(() => expect(overview.getAllByRole('rowheader').map(textOf)).toEqual(['Hardware Token']));
    await expect(overview.getByText('1 of 5 licenses shown', { selector: '.match-count' })).toBeVisible();
  },
};

/** A text filter that matches nothing offers to clear the filter. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    await findLicenseRows(canvasElement);
    const overview = shadowQueries(canvasElement, 'license-overview');
    await userEvent.type(overview.getByRole('searchbox', { name: 'Filter by product or key' }), 'no such product');

    await expect(await overview.findByText('No licenses match the filter.')).toBeVisible();
    await expect(overview.getByRole('button', { name: 'Clear filter' })).toBeEnabled();
  },
};

/** Seat counts the backend could not supply show as unknown, with no meter. */
export const UnknownSeats: Story = {
  render: renderOverview(
    () =>
      new MemoryAdapter({
        licenses: createSampleLicenses(Date.now())
          .slice(0, 2)
          .map((license, index) => ({ ...license, seatsUsed: null, seatsTotal: index === 0 ? null : license.seatsTotal })),
      }),
  ),
  play: async ({ canvasElement }) => {
    const rows = await findLicenseRows(canvasElement);
    await expect(rows[0]).toHaveTextContent('Unknown of Unknown');
    await expect(rows[1]).toHaveTextContent('Unknown of 100');
    await expect(shadowQueries(canvasElement, 'license-overview').queryByRole('meter')).toBeNull();
  },
};

/** A long key shows shortened in the middle; Enter on the focused key copies the whole key. */
export const CopyLongKeyWithEnter: Story = {
  render: renderOverview(
    () =>
      new MemoryAdapter({
        licenses: [{ ...createSampleLicenses(Date.now())[0]!, key: '4F81A2-9C03DE-77B1F0-E2A94C-0D5B36-V3' }],
      }),
  ),
  play: async ({ canvasElement }) => {
    const [row] = await findLicenseRows(canvasElement);
    const key = within(row!).getByRole('button', { name: '4F81A2-9C03D…D5B36-V3' });
    key.focus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(key).toHaveTextContent('4F81A2-9C03DE-77B1F0-E2A94C-0D5B36-V3'));
    await expect(window.getSelection()?.toString()).toBe('4F81A2-9C03DE-77B1F0-E2A94C-0D5B36-V3');
  },
};

/** After a renewal the changed row is marked as updated for a few seconds. */
export const RenewedRow: Story = {
  play: async ({ canvasElement }) => {
    await findLicenseRows(canvasElement);
    const element = canvasElement.querySelector('license-overview');
    const adapter = memoryAdapterOf(element);
    const result = await adapter.submitLicenseKey(createSampleKeys(Date.now()).renewal);
    element!.dispatchEvent(new CustomEvent('license-added', { detail: result, bubbles: true, composed: true }));

    const overview = shadowQueries(canvasElement, 'license-overview');
    const rowOfMobileToken = (): Element | null => overview.getByRole('rowheader', { name: 'Mobile Token' }).closest('[role="row"]');
    await waitFor(() => expect(rowOfMobileToken()).toHaveTextContent('Updated'));
    await expect(rowOfMobileToken()).toHaveClass('updated');
  },
};

/** A product name with markup shows the markup as text. */
export const MarkupInProductName: Story = {
  render: renderOverview(
    () => new MemoryAdapter({ licenses: [{ ...createSampleLicenses(Date.now())[0]!, product: '<b>Bold</b> <img src="x">' }] }),
  ),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    await expect(await overview.findByRole('rowheader', { name: '<b>Bold</b> <img src="x">' })).toBeVisible();
    await expect(overview.queryByRole('img')).toBeNull();
  },
};

/** 10,000 licenses: only the visible rows are in the page, and the list scrolls within its box. */
export const TenThousandLicenses: Story = {
  render: renderOverview(() => {
    const samples = createSampleLicenses(Date.now());
    return new MemoryAdapter({
      licenses: Array.from({ length: 10_000 }, (_, index) => ({
        ...samples[index % samples.length]!,
        id: `lic-${index + 1}`,
        product: `Product ${index + 1}`,
      })),
    });
  }),
  play: async ({ canvasElement }) => {
    const overview = shadowQueries(canvasElement, 'license-overview');
    const table = await overview.findByRole('table', { name: 'Licenses' });
    await expect(table).toHaveAttribute('aria-rowcount', '10001');
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeLessThan(150));
    await expect(overview.getByText('10,000')).toBeVisible();
  },
};
