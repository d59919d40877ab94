import '../src/license-overview/define.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createSampleLicenses, DEMO_READ_ONLY_USER, DEMO_SYSTEM_ADMIN, MemoryAdapter } from '../src/adapter/memory/index.js';
import type { License } from '../src/adapter/types.js';
import { PENDING_FOREVER_MS, shadowQueries, themeTokenStyle, type ThemeTokenArgs } from './story-helpers.js';

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

/**
 * Matches the announcement after a copy: "copied" when the clipboard accepted the key, or the
 * shortcut hint when the browser refused the clipboard and the element only selected the key.
 */
const COPY_ANNOUNCEMENT = /^(License key for MFA Server copied\.|The key is selected\. Press (Ctrl|Cmd)\+C to copy it\.)$/;

/** The copy button beside each key copies it and announces the result to screen readers. */
export const CopyKeyWithButton: Story = {
  play: async ({ canvasElement }) => {
    const [firstRow] = await findLicenseRows(canvasElement);
    const key = within(firstRow!).getByTitle('Double-click to copy');
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
    await userEvent.dblClick(within(firstRow!).getByTitle('Double-click to copy'));

    await waitFor(() => expect(overview.getByText(COPY_ANNOUNCEMENT)).toBeInTheDocument());
  },
};
