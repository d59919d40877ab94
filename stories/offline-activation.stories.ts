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
import { LicenseError } from '../src/adapter/errors.js';
import type { CallOptions, OfflineChallenge } from '../src/adapter/types.js';
import {
  EXAMPLE_SUPPORT,
  PENDING_FOREVER_MS,
  shadowQueries,
  textOf,
  themeTokenStyle,
  type SupportArgs,
  type ThemeTokenArgs,
} from './story-helpers.js';

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

const EXPIRED = 'This challenge has expired. Generate a new challenge and read it to support.';

/** Returns a promise that settles only when `options.signal` aborts: a call that never completes. */
function neverSettles<T>(options?: CallOptions): Promise<T> {
  return new Promise<T>((_resolve, reject) => {
    options?.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
  });
}

/** Returns the support engineer's response key for the loaded challenge. */
function responseOf(context: Pick<StoryContext, 'loaded'>): string {
  const response = computeResponseKey(loadedOf(context).challenge!.challengeKey);
  if (response === null) throw new Error('The loaded challenge is malformed.');
  return response;
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

/** The challenge's lifetime is over: the element says so, disables "Activate Offline" and offers a new challenge. */
export const Expired: Story = {
  loaders: [offlineAdapterLoader({ challengeLifetimeSeconds: 0 })],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByText(EXPIRED)).toBeVisible();
    await expect(activation.getByRole('button', { name: 'Activate Offline' })).toBeDisabled();
    await expect(activation.getByRole('button', { name: 'Generate a new challenge' })).toBeEnabled();
  },
};

/** Less than a minute is left: the time left shows in the warning colour. */
export const TimeRunningShort: Story = {
  loaders: [offlineAdapterLoader({ challengeLifetimeSeconds: 50 })],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    const time = await activation.findByText(/^Time left: 0:[45]\d$/);
    await expect(time).toHaveClass('short');
  },
};

/** "Generate a new challenge" is pending: the button shows busy and a second press sends nothing. */
export const Renewing: Story = {
  loaders: [
    async () => {
      const loaded = await offlineAdapterLoader({ challengeLifetimeSeconds: 0 })();
      loaded.adapter.renewChallenge = (_challengeId, options) => neverSettles(options);
      return loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    const renew = await activation.findByRole('button', { name: 'Generate a new challenge' });
    await userEvent.click(renew);
    await waitFor(() => expect(renew).toHaveAttribute('aria-disabled', 'true'));
  },
};

/** A new challenge replaced the expired one: it shows with a full lifetime and an empty response box. */
export const Renewed: Story = {
  loaders: [
    async () => {
      const loaded = await offlineAdapterLoader({ challengeLifetimeSeconds: 0 })();
      loaded.adapter.configure({ challengeLifetimeSeconds: 900 });
      return loaded;
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { challenge } = loadedOf({ loaded });
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await userEvent.click(await activation.findByRole('button', { name: 'Generate a new challenge' }));

    await expect(await activation.findByText(/^Time left: (15:00|14:5\d)$/)).toBeVisible();
    await expect(textOf(activation.getByLabelText('Challenge key'))).not.toBe(challenge!.challengeKey.replaceAll('-', ' '));
    await expect(activation.getByRole('status')).toHaveTextContent('A new challenge was generated. Read it to support.');
    await expect(activation.getByRole('button', { name: 'Activate Offline' })).toBeEnabled();
  },
};

/** The challenge key as a QR code, to carry it to a phone; the encoder loads when the view opens. */
export const QrCode: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement, loaded }) => {
    const { challenge } = loadedOf({ loaded });
    const activation = shadowQueries(canvasElement, 'offline-activation');
    const toggle = await activation.findByRole('button', { name: 'QR code' });
    await userEvent.click(toggle);

    await expect(await activation.findByRole('img', { name: `QR code of the challenge key ${challenge!.challengeKey}` })).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  },
};

/** The challenge key spelled with the NATO alphabet, group by group, for reading it over the phone. */
export const PhoneticSpelling: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement, loaded }) => {
    const { challenge } = loadedOf({ loaded });
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await userEvent.click(await activation.findByRole('button', { name: 'Spell phonetically' }));

    const list = await activation.findByRole('list', { name: 'Phonetic spelling of the challenge key' });
    const groups = list.querySelectorAll('li');
    await expect(groups).toHaveLength(6);
    await expect(textOf(groups[0]!)).toMatch(new RegExp(`^${challenge!.challengeKey[0]} [A-Z]`));
  },
};

/** A group of the response key fails its check symbol: the element names the group before anything is sent. */
export const MistypedGroup: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement, loaded }) => {
    const groups = responseOf({ loaded }).split('-');
    groups[2] = groups[2]!.slice(0, 1) + (groups[2]![1] === 'X' ? 'Y' : 'X') + groups[2]!.slice(2);
    const activation = shadowQueries(canvasElement, 'offline-activation');
    const textbox = await activation.findByRole('textbox', { name: 'Response key' });
    await userEvent.type(textbox, groups.join(' '));

    await expect(await activation.findByText('Group 3 looks mistyped. Check it with the support engineer.')).toBeVisible();
    await expect(textbox).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Activate was pressed with a group missing: the element says how many characters the key needs. */
export const IncompleteKey: Story = {
  loaders: [offlineAdapterLoader()],
  play: async ({ canvasElement, loaded }) => {
    await activateWith(canvasElement, responseOf({ loaded }).slice(0, -6));

    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByText('The response key has 25 characters; it needs 30.')).toBeVisible();
  },
};

/** Another tab generated a newer challenge: the element reports the replacement and offers the newest challenge. */
export const Replaced: Story = {
  loaders: [
    async () => {
      const loaded = await offlineAdapterLoader()();
      await loaded.adapter.submitLicenseKey(createSampleKeys(loaded.adapter.now()).newProduct);
      return loaded;
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    await activateWith(canvasElement, responseOf({ loaded }));

    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByRole('button', { name: 'Show the newest challenge' })).toBeVisible();
    await expect(activation.getByRole('alert')).toHaveTextContent('A newer activation challenge was generated');
    await expect(activation.getByRole('button', { name: 'Activate Offline' })).toBeDisabled();
  },
};

/** The backend refuses more attempts for a while and says when to retry; the typed key stays. */
export const TooManyAttempts: Story = {
  loaders: [
    async () => {
      const loaded = await offlineAdapterLoader()();
      loaded.adapter.failNext(new LicenseError('rate-limited', 'Too many attempts', { retryAfterSeconds: 120 }), 'activateOffline');
      return loaded;
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    await activateWith(canvasElement, responseOf({ loaded }));

    const activation = shadowQueries(canvasElement, 'offline-activation');
    await waitFor(() => expect(activation.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 120 seconds.'));
    await expect(activation.getByRole('textbox', { name: 'Response key' })).toHaveValue(responseOf({ loaded }));
  },
};

/** The backend could not be reached: the element says so and keeps the typed key for another try. */
export const NetworkFailure: Story = {
  loaders: [
    async () => {
      const loaded = await offlineAdapterLoader()();
      loaded.adapter.failNext('network', 'activateOffline');
      return loaded;
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    await activateWith(canvasElement, responseOf({ loaded }));

    const activation = shadowQueries(canvasElement, 'offline-activation');
    await waitFor(() => expect(activation.getByRole('alert')).toHaveTextContent('The server could not be reached.'));
    await expect(activation.getByRole('textbox', { name: 'Response key' })).toHaveValue(responseOf({ loaded }));
  },
};

/** The response key is on its way to the backend: "Activate Offline" shows busy and sends nothing more. */
export const Activating: Story = {
  loaders: [
    async () => {
      const loaded = await offlineAdapterLoader()();
      loaded.adapter.activateOffline = (_challengeId, _responseKey, options) => neverSettles(options);
      return loaded;
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    await activateWith(canvasElement, responseOf({ loaded }));

    const activation = shadowQueries(canvasElement, 'offline-activation');
    await waitFor(() => expect(activation.getByRole('button', { name: 'Activate Offline' })).toHaveAttribute('aria-disabled', 'true'));
    await expect(activation.getByRole('textbox', { name: 'Response key' })).toHaveValue(responseOf({ loaded }));
  },
};

/** The adapter has not answered yet. */
export const Loading: Story = {
  loaders: [offlineAdapterLoader({ latencyMs: PENDING_FOREVER_MS }, false)],
  play: async ({ canvasElement }) => {
    const activation = shadowQueries(canvasElement, 'offline-activation');
    await expect(await activation.findByText('Loading…')).toBeVisible();
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
    await expect(activation.getByRole('alert')).toHaveTextContent(
      'The response key does not match the challenge. Check each group with the support engineer.',
    );
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
    await waitFor(() => expect(activation.getByRole('status')).toHaveTextContent('License for Password Reset added.'));
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
