import '../src/license-upload/define.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createSampleKeys, DEMO_READ_ONLY_USER, MemoryAdapter, type SampleKeys } from '../src/adapter/memory/index.js';
import {
  EXAMPLE_SUPPORT,
  memoryAdapterOf,
  PENDING_FOREVER_MS,
  shadowQueries,
  textOf,
  themeTokenStyle,
  type SupportArgs,
  type ThemeTokenArgs,
} from './story-helpers.js';

interface UploadArgs extends SupportArgs, ThemeTokenArgs {
  /** Initial text of the key box. */
  value?: string;
}

/**
 * Returns a render function that gives the upload form the adapter `createAdapter` makes. Each
 * render makes a new adapter, so stories never share licenses, challenges or injected failures.
 */
function renderUpload(createAdapter: () => MemoryAdapter = () => new MemoryAdapter()) {
  return (args: UploadArgs) => {
    const adapter = createAdapter();
    return html`<license-upload
      .adapter=${adapter}
      support-phone=${args['support-phone'] ?? nothing}
      support-email=${args['support-email'] ?? nothing}
      support-url=${args['support-url'] ?? nothing}
      support-hours=${args['support-hours'] ?? nothing}
      value=${args.value ?? nothing}
      style=${themeTokenStyle(args)}
    ></license-upload>`;
  };
}

/** Returns the sample keys computed for now, because keys are dated relative to the day they are made. */
function sampleKeys(): SampleKeys {
  return createSampleKeys(Date.now());
}

/** Types `key` into the license key box once the form has loaded, then presses Save. */
async function submitKey(canvasElement: HTMLElement, key: string): Promise<void> {
  const upload = shadowQueries(canvasElement, 'license-upload');
  const textbox = await upload.findByRole('textbox', { name: 'License key' });
  await userEvent.type(textbox, key);
  await userEvent.click(upload.getByRole('button', { name: 'Save' }));
}

/** Waits for the error message below the box and checks that it contains `text` and the copy advice. */
async function expectError(canvasElement: HTMLElement, text: string): Promise<void> {
  const upload = shadowQueries(canvasElement, 'license-upload');
  const textbox = upload.getByRole('textbox', { name: 'License key' });
  await waitFor(() => expect(textbox).toHaveAttribute('aria-invalid', 'true'));

  const alert = upload.getByRole('alert');
  await expect(alert).toHaveTextContent(text);
  await expect(alert).toHaveTextContent('Check that the key was copied completely. If it keeps failing, contact support.');
}

const meta = {
  title: 'Elements/license-upload',
  component: 'license-upload',
  args: { ...EXAMPLE_SUPPORT },
  render: renderUpload(),
} satisfies Meta<UploadArgs>;

export default meta;
type Story = StoryObj<UploadArgs>;

/** The empty form an administrator sees first. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    await expect(await upload.findByRole('textbox', { name: 'License key' })).toHaveValue('');
    await expect(upload.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-disabled', 'false');
  },
};

/** A valid key for a product without a license yet: the form clears and confirms below the box. */
export const Success: Story = {
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().newProduct);

    const upload = shadowQueries(canvasElement, 'license-upload');
    await waitFor(() => expect(upload.getByRole('status')).toHaveTextContent('License for Password Reset added.'));
    await expect(upload.getByRole('textbox', { name: 'License key' })).toHaveValue('');
    await expect(textOf(upload.getByRole('alert'))).toBe('');
  },
};

/** A renewal: the key is for a licensed product, so the message names the new expiry date. */
export const Renewal: Story = {
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().renewal);

    const upload = shadowQueries(canvasElement, 'license-upload');
    await waitFor(() => expect(upload.getByRole('status')).toHaveTextContent(/^License for Mobile Token renewed\. It now expires on .+\.$/));
  },
};

/** A key with one mistyped character fails its checksum, and the text stays for the admin to correct. */
export const Error: Story = {
  play: async ({ canvasElement }) => {
    const { mistyped } = sampleKeys();
    await submitKey(canvasElement, mistyped);
    await expectError(canvasElement, 'The license key is not valid.');

    const upload = shadowQueries(canvasElement, 'license-upload');
    await expect(upload.getByRole('textbox', { name: 'License key' })).toHaveValue(mistyped);
  },
};

/** A genuine key whose expiry date has passed. */
export const ExpiredKey: Story = {
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().expired);
    await expectError(canvasElement, 'This license key has already expired.');
  },
};

/** A genuine key for a product this installation does not run. */
export const WrongProduct: Story = {
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().otherProduct);
    await expectError(canvasElement, 'This license key is for a different product.');
  },
};

/** Save was pressed and the backend has not responded yet, so the button shows that it is busy. */
export const Submitting: Story = {
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    await upload.findByRole('textbox', { name: 'License key' });

    // The form has loaded. From now on every adapter call takes a day.
    memoryAdapterOf(canvasElement.querySelector('license-upload')).configure({ latencyMs: PENDING_FOREVER_MS });
    await submitKey(canvasElement, sampleKeys().newProduct);

    await waitFor(() => expect(upload.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-disabled', 'true'));
    await expect(textOf(upload.getByRole('status'))).toBe('');
    await expect(textOf(upload.getByRole('alert'))).toBe('');
  },
};

/** A signed-in user without the Admin role sees why the form is unavailable. */
export const AccessRequired: Story = {
  render: renderUpload(() => new MemoryAdapter({ user: DEMO_READ_ONLY_USER })),
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    await expect(await upload.findByRole('heading', { name: 'Administrator access required' })).toBeVisible();
    await expect(upload.queryByRole('textbox')).toBeNull();
  },
};

/** The installation cannot reach the vendor: Save leads to the offline activation step with a challenge key. */
export const OfflineChallenge: Story = {
  render: renderUpload(() => new MemoryAdapter({ offline: true })),
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().newProduct);

    const upload = shadowQueries(canvasElement, 'license-upload');
    const uploadRoot = canvasElement.querySelector('license-upload')!.shadowRoot!;
    const offline = await waitFor(() => shadowQueries(uploadRoot, 'offline-activation'));

    await expect(await offline.findByRole('heading', { name: 'Activate offline' })).toBeVisible();
    const challengeKey = textOf(offline.getByLabelText('Challenge key'));
    await expect(challengeKey).toMatch(/^([0-9A-Z]{5} ){5}[0-9A-Z]{5}$/);
    await expect(offline.getByRole('textbox', { name: 'Response key' })).toHaveValue('');
    await expect(offline.getByRole('link', { name: EXAMPLE_SUPPORT['support-phone'] })).toBeVisible();
    await expect(upload.getByRole('button', { name: 'Use a different key' })).toBeVisible();
  },
};

/** After a second failure in a row the form shows the support contact the host configured. */
export const RepeatedFailures: Story = {
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    const { mistyped } = sampleKeys();

    await submitKey(canvasElement, mistyped);
    await expectError(canvasElement, 'The license key is not valid.');
    await expect(upload.queryByRole('link', { name: EXAMPLE_SUPPORT['support-phone'] })).toBeNull();

    await userEvent.click(upload.getByRole('button', { name: 'Save' }));
    const phone = await upload.findByRole('link', { name: EXAMPLE_SUPPORT['support-phone'] });
    await expect(phone).toHaveAttribute('href', 'tel:+15550100');
    await expect(upload.getByRole('link', { name: EXAMPLE_SUPPORT['support-email'] })).toHaveAttribute(
      'href',
      `mailto:${EXAMPLE_SUPPORT['support-email']}`,
    );
    await expect(upload.getByRole('link', { name: 'Support website' })).toHaveAttribute('href', EXAMPLE_SUPPORT['support-url']);
    await expect(within(phone.closest('ul')!).getByText(EXAMPLE_SUPPORT['support-hours'], { exact: false })).toBeVisible();
  },
};
