import '../src/license-upload/define.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LicenseError } from '../src/adapter/errors.js';
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

/**
 * Pastes `text` into the license key box once the form has loaded, as the browser delivers a paste:
 * a ClipboardEvent carrying a DataTransfer, sent to the focused box. (`userEvent.paste` sends it to
 * the document's active element, which is the host, not the box inside its shadow root.)
 */
async function pasteKey(canvasElement: HTMLElement, text: string): Promise<void> {
  const upload = shadowQueries(canvasElement, 'license-upload');
  const textbox = await upload.findByRole('textbox', { name: 'License key' });
  await userEvent.click(textbox);
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  textbox.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, composed: true, cancelable: true }));
  await expect(textbox).toHaveValue(text);
}

/** Puts `file` on the form's file input, as the file chooser does. */
function chooseFile(canvasElement: HTMLElement, file: File): void {
  const input = canvasElement.querySelector('license-upload')!.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Types `key` into the license key box once the form has loaded, then presses Save. */
async function submitKey(canvasElement: HTMLElement, key: string): Promise<void> {
  const upload = shadowQueries(canvasElement, 'license-upload');
  const textbox = await upload.findByRole('textbox', { name: 'License key' });
  await userEvent.type(textbox, key);
  await userEvent.click(upload.getByRole('button', { name: 'Save' }));
}

const COPY_ADVICE = 'Check that the key was copied completely. If it keeps failing, contact support.';

/**
 * Waits for the error message below the box and checks that it contains `text`, and the advice to
 * check the copy only for failures a damaged copy may cause.
 */
async function expectError(canvasElement: HTMLElement, text: string, { copyAdvice = true } = {}): Promise<void> {
  const upload = shadowQueries(canvasElement, 'license-upload');
  const textbox = upload.getByRole('textbox', { name: 'License key' });
  await waitFor(() => expect(textbox).toHaveAttribute('aria-invalid', 'true'));

  const alert = upload.getByRole('alert');
  await expect(alert).toHaveTextContent(text);
  if (copyAdvice) await expect(alert).toHaveTextContent(COPY_ADVICE);
  else await expect(alert).not.toHaveTextContent(COPY_ADVICE);
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
    await waitFor(() =>
      expect(upload.getByRole('status')).toHaveTextContent(/^License for Mobile Token renewed\. It now expires on .+ instead of .+\.$/),
    );
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
    await expectError(canvasElement, 'This license key has already expired.', { copyAdvice: false });
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

/** The access check failed: the error says what to do, and Retry checks again. */
export const AccessCheckError: Story = {
  render: renderUpload(() => {
    const adapter = new MemoryAdapter();
    adapter.failNext('network', 'getCurrentUser');
    return adapter;
  }),
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    await waitFor(() => expect(upload.getByRole('alert')).toHaveTextContent('The server could not be reached.'));
    await userEvent.click(upload.getByRole('button', { name: 'Retry' }));
    await expect(await upload.findByRole('textbox', { name: 'License key' })).toHaveValue('');
  },
};

/** The access check has not returned yet. */
export const Loading: Story = {
  render: renderUpload(() => new MemoryAdapter({ latencyMs: PENDING_FOREVER_MS })),
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    await expect(await upload.findByRole('status')).toHaveTextContent('Loading…');
    await expect(upload.queryByRole('textbox')).toBeNull();
  },
};

/**
 * A key pasted from an HTML e-mail, with a label, a no-break space, typographic dashes and an
 * invisible character: it is repaired before sending, and a note lists the repairs.
 */
export const RepairedPaste: Story = {
  play: async ({ canvasElement }) => {
    const key = sampleKeys().newProduct;
    await pasteKey(canvasElement, `License key:\u00A0${key.replaceAll('-', '\u2013')}\u200B`);

    const upload = shadowQueries(canvasElement, 'license-upload');
    await userEvent.click(upload.getByRole('button', { name: 'Save' }));
    const status = upload.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('License for Password Reset added.'));
    await expect(status).toHaveTextContent(
      'Repaired copy damage: removed invisible characters, replaced special spaces with plain spaces, replaced typographic dashes with hyphens, and removed the label before the key.',
    );
  },
};

/** A key with a character missing in its third group is caught before it is sent, by the format the adapter publishes. */
export const MissingCharacter: Story = {
  play: async ({ canvasElement }) => {
    const key = sampleKeys().newProduct;
    const damaged = key.slice(0, 14) + key.slice(15);
    await submitKey(canvasElement, damaged);
    await expectError(canvasElement, 'Group 3 of the key has 4 characters instead of 5: a character is missing.');

    const upload = shadowQueries(canvasElement, 'license-upload');
    await expect(upload.getByRole('textbox', { name: 'License key' })).toHaveValue(damaged);
  },
};

/** The same key pasted twice is reported as such, not sent. */
export const PastedTwice: Story = {
  play: async ({ canvasElement }) => {
    const key = sampleKeys().newProduct;
    await pasteKey(canvasElement, `${key} ${key}`);

    const upload = shadowQueries(canvasElement, 'license-upload');
    await userEvent.click(upload.getByRole('button', { name: 'Save' }));
    await expectError(canvasElement, 'The same license key is in the box twice. Delete one copy, then press Save.');
  },
};

/** An armored license whose END line was not copied. */
export const CutOffLicense: Story = {
  play: async ({ canvasElement }) => {
    await pasteKey(canvasElement, '-----BEGIN LICENSE FILE-----\nZXhhbXBsZSBsaWNlbnNlIGJvZHkgd2l0aG91dCBpdHMgZW5k\n');

    const upload = shadowQueries(canvasElement, 'license-upload');
    await userEvent.click(upload.getByRole('button', { name: 'Save' }));
    await expectError(canvasElement, 'The license has a BEGIN line but no END line');
  },
};

/** A license file was chosen: its text is in the box, ready to save. */
export const FileLoaded: Story = {
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    const textbox = await upload.findByRole('textbox', { name: 'License key' });
    const key = sampleKeys().newProduct;

    chooseFile(canvasElement, new File([`${key}\n`], 'license.lic'));

    await waitFor(() => expect(textbox).toHaveValue(`${key}\n`));
    await expect(upload.getByRole('status')).toHaveTextContent('Loaded license.lic. Press Save to apply it.');
  },
};

/** A file that is not text (here a few binary bytes) is rejected with a message that says so. */
export const FileRejected: Story = {
  play: async ({ canvasElement }) => {
    const upload = shadowQueries(canvasElement, 'license-upload');
    const textbox = await upload.findByRole('textbox', { name: 'License key' });

    chooseFile(canvasElement, new File([new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x02])], 'license.bin'));

    await waitFor(() => expect(upload.getByRole('alert')).toHaveTextContent('The file license.bin is not a text file.'));
    await expect(textbox).toHaveValue('');
  },
};

/** The server could not be reached: the message says to check the connection and try again. */
export const NetworkError: Story = {
  render: renderUpload(() => {
    const adapter = new MemoryAdapter();
    adapter.failNext('network', 'submitLicenseKey');
    return adapter;
  }),
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().newProduct);
    await expectError(canvasElement, 'The server could not be reached. Check your connection, then try again.', { copyAdvice: false });
  },
};

/** The backend limits attempts and says when to retry. */
export const TooManyAttempts: Story = {
  render: renderUpload(() => {
    const adapter = new MemoryAdapter();
    adapter.failNext(new LicenseError('rate-limited', 'Story rate limit', { retryAfterSeconds: 90 }), 'submitLicenseKey');
    return adapter;
  }),
  play: async ({ canvasElement }) => {
    await submitKey(canvasElement, sampleKeys().newProduct);
    await expectError(canvasElement, 'Too many attempts. Try again in 90 seconds.', { copyAdvice: false });
  },
};
