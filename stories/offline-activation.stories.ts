import '../src/offline-activation/define.js';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import {
  computeResponseKey,
  createChallengeKey,
  createSampleKeys,
  DEMO_READ_ONLY_USER,
  MemoryAdapter,
  type MemoryAdapterOptions,
} from '../src/adapter/memory/index.js';
import type { OfflineChallenge } from '../src/adapter/types.js';
import { EXAMPLE_SUPPORT, shadowQueries, textOf, themeTokenStyle, type SupportArgs, type ThemeTokenArgs } from './story-helpers.js';

interface ActivationArgs extends SupportArgs, ThemeTokenArgs {}

/** Values a story's loader returns to its render and play functions. */
interface Loaded {
  adapter: MemoryAdapter;
  /** The challenge to pass to the element, or `undefined` to let it ask the adapter. */
  challenge: OfflineChallenge | undefined;
}

/**
 * Returns a loader that makes an offline MemoryAdapter with `options` and, unless `submitKey` is
 * false, submits a valid key to it so that it issues a challenge before the story renders. Loaders
 * run before every render, so stories never share an adapter.
 */
function offlineAdapterLoader(options: MemoryAdapterOptions = {}, submitKey = true) {
  return async (): Promise<Loaded> => {
    const adapter = new MemoryAdapter({ offline: true, ...options });
    if (!submitKey) return { adapter, challenge: undefined };

    const result = await adapter.submitLicenseKey(createSampleKeys(adapter.now()).newProduct);
    if (result.kind !== 'challenge') throw new Error(`An offline MemoryAdapter returned "${result.kind}" instead of a challenge.`);
    return { adapter, challenge: result.challenge };
  };
}

function loadedOf(context: Pick<StoryContext, 'loaded'>): Loaded {
  return context.loaded as Loaded;
}

function renderActivation(args: ActivationArgs, context: StoryContext<ActivationArgs>) {
  const { adapter, challenge } = loadedOf(context);
  return html`<offline-activation
    .adapter=${adapter}
    .challenge=${challenge}
    support-phone=${args['support-phone'] ?? nothing}
    support-email=${args['support-email'] ?? nothing}
    support-url=${args['support-url'] ?? nothing}
    support-hours=${args['support-hours'] ?? nothing}
    style=${themeTokenStyle(args)}
  ></offline-activation>`;
}

/** Types `responseKey` into the response box once the challenge shows, then presses "Activate Offline". */
async function activateWith(canvasElement: HTMLElement, responseKey: string): Promise<void> {
  const activation = shadowQueries(canvasElement, 'offline-activation');
  await userEvent.type(await activation.findByRole('textbox', { name: 'Response key' }), responseKey);
  await userEvent.click(activation.getByRole('button', { name: 'Activate Offline' }));
}

const meta = {
  title: 'Elements/offline-activation',
  component: 'offline-activation',
  args: { ...EXAMPLE_SUPPORT },
  render: renderActivation,
} satisfies Meta<ActivationArgs>;

export default meta;
type Story = StoryObj<ActivationArgs>;

/** A fresh challenge, grouped for reading aloud, with the time left and the support contact. */
export const WithChallenge: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement, loaded }) => {
    const { challenge } = loadedOf({ loaded });
    const activation = shadowQueries(canvasElement, 'offline-activation');

    await expect(await activation.findByRole('heading', { name: 'Activate offline' })).toBeVisible();
    await expect(textOf(activation.getByLabelText('Challenge key'))).toBe(challenge!.challengeKey.replaceAll('-', ' '));
    await expect(textOf(activation.getByText(/^Time left:/))).toMatch(/^Time left: (15:00|14:5\d)$/);
    await expect(activation.getByRole('link', { name: EXAMPLE_SUPPORT['support-phone'] })).toBeVisible();
    await expect(activation.getByRole('button', { name: 'Activate Offline' })).toBeEnabled();
  },
};

/** The element requests the pending challenge from the adapter and receives none. */
export const NoPendingChallenge: Story = {
  loaders: [offlineAdapterLoader({}, false)],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByRole('heading', { name: 'No offline activation in progress' })).toBeVisible();
    await expect(activation.queryByRole('textbox')).toBeNull();
  },
};

/** The element loads the pending challenge from the adapter when none is given, so a page reload loses nothing. */
export const PendingChallengeAfterReload: Story = {
  loaders: [
    async () => {
      const { adapter } = await offlineAdapterLoader()();
      return { adapter, challenge: undefined } satisfies Loaded;
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { adapter } = loadedOf({ loaded });
    const activation = shadowQueries(canvasElement, 'offline-activation');
    const challengeKey = textOf(await activation.findByLabelText('Challenge key'));
    await expect(challengeKey).toBe(adapter.pendingChallenge!.challengeKey.replaceAll('-', ' '));
  },
};

/** The challenge's lifetime is over, so the element shows that it expired and disables "Activate Offline". */
export const Expired: Story = {
  loaders: [offlineAdapterLoader({ challengeLifetimeSeconds: 0 })],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(
      await activation.findByText('This challenge has expired. Submit the license key again to get a new challenge.'),
    ).toBeVisible();
    await expect(activation.getByRole('button', { name: 'Activate Offline' })).toBeDisabled();
  },
};

/** A well-formed response key for another challenge: the backend rejects it and the element prompts the admin to check each group. */
export const ResponseMismatch: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement }) => {
    const otherChallenge = createChallengeKey('another-installation', createSampleKeys(Date.now()).newProduct, '0123456789abcdef');
    await activateWith(canvasElement, computeResponseKey(otherChallenge)!);

    const activation = shadowQueries(canvasElement, 'offline-activation');
    const textbox = activation.getByRole('textbox', { name: 'Response key' });
    await waitFor(() => expect(textbox).toHaveAttribute('aria-invalid', 'true'));
    const alert = activation.getByRole('alert');
    await expect(alert).toHaveTextContent('The response key does not match the challenge.');
    await expect(alert).toHaveTextContent('Check that the response key was typed correctly.');
  },
};

/** The support engineer's response key, computed here as their licensing tool would, activates the license. */
export const Success: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement, loaded }) => {
    const { challenge } = loadedOf({ loaded });
    const responseKey = computeResponseKey(challenge!.challengeKey);
    await expect(responseKey).not.toBeNull();
    await activateWith(canvasElement, responseKey!);

    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByRole('status')).toHaveTextContent('License for Password Reset added.');
    await expect(activation.queryByRole('textbox')).toBeNull();
  },
};

/** A signed-in user without the Admin role sees why offline activation is unavailable. */
export const AccessRequired: Story = {
  loaders: [offlineAdapterLoader({ user: DEMO_READ_ONLY_USER }, false)],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByRole('heading', { name: 'Administrator access required' })).toBeVisible();
    await expect(activation.queryByRole('textbox')).toBeNull();
  },
};

/** The pending challenge could not be loaded: the element explains why and offers Retry. */
export const LoadError: Story = {
  loaders: [
    async () => {
      const { adapter } = await offlineAdapterLoader({}, false)();
      adapter.failNext('network', 'getPendingChallenge');
      return { adapter, challenge: undefined } satisfies Loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    const alert = await activation.findByRole('alert');
    await expect(alert).toHaveTextContent('The offline activation could not be loaded');
    await expect(alert).toHaveTextContent('The server could not be reached.');
    await expect(activation.getByRole('button', { name: 'Retry' })).toBeEnabled();
  },
};
