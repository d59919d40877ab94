/**
 * The QA panel: a testing tool beside the demo portal, not part of the product. It drives the
 * in-memory backend (user, offline mode, latency, challenge lifetime, clock offset, injected
 * failures), lists sample keys, answers challenges as a support engineer would, and switches
 * colour scheme, locale and direction.
 */
import { LICENSE_ERROR_CODES, type LicenseErrorCode } from '../src/adapter/errors.ts';
import {
  computeResponseKey,
  createSampleKeys,
  createSampleLicenses,
  DEMO_ADMIN,
  DEMO_READ_ONLY_USER,
  DEMO_SYSTEM_ADMIN,
  type AdapterCall,
  type MemoryUser,
  type SampleKeys,
} from '../src/adapter/memory/index.ts';
import type { License } from '../src/adapter/types.ts';
import type { QaMemoryAdapter } from './qa-adapter.ts';
import { backendUrl, type ServerBackend } from './server-backend.ts';

export interface QaPanelOptions {
  adapter: QaMemoryAdapter;
  /** The reference server, when the page runs on it (`?backend=server`); the panel then drives it instead of `adapter`. */
  server?: ServerBackend | undefined;
  /** Called after the signed-in user or the server clock changed, so the page can refresh its elements. */
  refreshElements: () => void;
  /** The element whose `lang` sets the elements' formatting locale. */
  localeRoot: HTMLElement;
  /** Called after `localeRoot`'s lang changed, so the page can re-render its elements. */
  onLocaleChange: () => void;
}

interface UserChoice {
  id: string;
  label: string;
  description: string;
  user: MemoryUser | null;
}

const USER_CHOICES: readonly UserChoice[] = [
  { id: 'admin', label: 'Admin', description: `${DEMO_ADMIN.displayName} (${DEMO_ADMIN.username}), role Admin`, user: DEMO_ADMIN },
  {
    id: 'system',
    label: DEMO_SYSTEM_ADMIN.username,
    description: 'Built-in system account; may manage licenses whatever its role',
    user: DEMO_SYSTEM_ADMIN,
  },
  {
    id: 'read-only',
    label: 'Read-only user',
    description: `${DEMO_READ_ONLY_USER.displayName} (${DEMO_READ_ONLY_USER.username}); may not manage licenses`,
    user: DEMO_READ_ONLY_USER,
  },
  { id: 'signed-out', label: 'Signed out', description: 'Nobody is signed in; every call fails with not-signed-in', user: null },
];

const ADAPTER_CALLS: readonly AdapterCall[] = ['getCurrentUser', 'listLicenses', 'submitLicenseKey', 'activateOffline', 'getPendingChallenge'];

const SAMPLE_KEYS: readonly { id: keyof SampleKeys; label: string; description: string }[] = [
  { id: 'newProduct', label: 'New product (valid)', description: 'Adds Password Reset: 1,000 seats for a year.' },
  { id: 'renewal', label: 'Renewal (valid)', description: 'Renews Mobile Token: 150 seats, expiry about a year out.' },
  { id: 'expired', label: 'Expired', description: 'MFA Server key whose expiry passed 35 days ago.' },
  { id: 'otherProduct', label: "Another product's", description: 'Valid key for Analytics Suite, which this server does not run.' },
  { id: 'mistyped', label: 'Mistyped', description: 'The renewal key with one symbol changed: the checksum (on the server, the signature) fails.' },
];

/** Writes letters and digits in their full-width forms, as East Asian input methods do. */
function fullWidth(text: string): string {
  return text.replace(/[0-9A-Z-]/g, (char) => String.fromCharCode(char === '-' ? 0xff0d : char.charCodeAt(0) + 0xfee0));
}

/**
 * Sample keys with copy damage, each built from a valid sample: the upload repairs the first ones and
 * names what is wrong with the others before sending them.
 */
const DAMAGED_SAMPLE_KEYS: readonly { id: string; label: string; description: string; damage: (keys: SampleKeys) => string }[] = [
  {
    id: 'dashes',
    label: 'Typographic dashes',
    description: 'New product key with an en dash, an em dash, a minus sign and a non-breaking hyphen: repaired.',
    damage: (keys) => keys.newProduct.replace('-', '\u2013').replace('-', '\u2014').replace('-', '\u2212').replace('-', '\u2011'),
  },
  {
    id: 'invisible',
    label: 'Invisible characters',
    description: 'Renewal key with a byte-order mark, zero-width spaces and a no-break space: repaired.',
    damage: (keys) => `\uFEFF${keys.renewal.slice(0, 8)}\u200B${keys.renewal.slice(8, 20)}\u200D${keys.renewal.slice(20)}\u00A0`,
  },
  {
    id: 'label',
    label: 'Label and e-mail line breaks',
    description: 'New product key after "License key:", with CRLF line breaks and blank lines: repaired.',
    damage: (keys) => `License key:\r\n${keys.newProduct}\r\n\r\n`,
  },
  {
    id: 'full-width',
    label: 'Full-width characters',
    description: 'New product key in full-width letters and digits: repaired.',
    damage: (keys) => fullWidth(keys.newProduct),
  },
  {
    id: 'lower-case',
    label: 'Lower case, spaces for hyphens',
    description: 'New product key as typed from a printout: repaired with the published key format.',
    damage: (keys) => keys.newProduct.toLowerCase().replaceAll('-', ' '),
  },
  {
    id: 'line-break',
    label: 'Broken across lines',
    description: 'New product key wrapped by a mail client after a hyphen: repaired.',
    damage: (keys) => `${keys.newProduct.slice(0, 12)}\n${keys.newProduct.slice(12)}`,
  },
  {
    id: 'twice',
    label: 'Pasted twice',
    description: 'New product key twice in a row: reported, not sent.',
    damage: (keys) => `${keys.newProduct} ${keys.newProduct}`,
  },
  {
    id: 'missing',
    label: 'Missing character',
    description: 'New product key without a symbol in group 3: reported before sending.',
    damage: (keys) => keys.newProduct.slice(0, 14) + keys.newProduct.slice(15),
  },
  {
    id: 'extra',
    label: 'Extra character',
    description: 'New product key with a doubled symbol in group 2: reported before sending.',
    damage: (keys) => keys.newProduct.slice(0, 8) + keys.newProduct.slice(7),
  },
];

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The demo page has no #${id}`);
  return element as T;
}

function create<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children);
  return element;
}

/** Selects the text of `element`, so the user can copy it by hand when the Clipboard API is refused. */
function selectText(element: HTMLElement): void {
  const selection = window.getSelection();
  if (selection === null) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Copies `text`; resolves with the status line to show. */
async function copyText(text: string, shownIn: HTMLElement, what: string): Promise<string> {
  try {
    if (navigator.clipboard === undefined) throw new Error('Clipboard API unavailable');
    await navigator.clipboard.writeText(text);
    return `${what} copied.`;
  } catch {
    selectText(shownIn);
    const shortcut = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd+C' : 'Ctrl+C';
    return `${what} is selected. Press ${shortcut} to copy it.`;
  }
}

/** Reads an integer from a number input, clamped to its min and max; `null` when it is not a number. */
function readInteger(input: HTMLInputElement): number | null {
  const value = input.valueAsNumber;
  if (!Number.isFinite(value)) return null;
  const min = input.min === '' ? -Infinity : Number(input.min);
  const max = input.max === '' ? Infinity : Number(input.max);
  return Math.round(Math.min(max, Math.max(min, value)));
}

export function setupQaPanel({ adapter, server, refreshElements, localeRoot, onLocaleChange }: QaPanelOptions): void {
  setupToggle();
  setupBackendSwitch(server);
  setupUsers(adapter, refreshElements, server);
  setupBackend(adapter, refreshElements, server);
  setupDataPreset(adapter, refreshElements, server);
  setupFailures(adapter, server);
  void setupSampleKeys(server);
  setupSupportBox(adapter, server);
  setupDisplay(localeRoot, onLocaleChange);
  setupCallLog(server ?? adapter);
  byId<HTMLFormElement>('qa-form').addEventListener('submit', (event) => event.preventDefault());
}

function setupToggle(): void {
  const panel = byId('qa-panel');
  const toggle = byId<HTMLButtonElement>('qa-toggle');
  const close = byId<HTMLButtonElement>('qa-close');
  const layout = panel.closest<HTMLElement>('.layout');

  const setOpen = (open: boolean): void => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    layout?.classList.toggle('qa-open', open);
  };

  setOpen(window.matchMedia('(min-width: 70em)').matches);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    setOpen(open);
    if (open) byId('qa-title').focus();
  });
  close.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    setOpen(false);
    toggle.focus();
  });
}

function setupUsers(adapter: QaMemoryAdapter, refreshElements: () => void, server: ServerBackend | undefined): void {
  const group = byId('qa-user');
  for (const choice of USER_CHOICES) {
    const input = create('input', { type: 'radio', name: 'qa-user', value: choice.id, id: `qa-user-${choice.id}` });
    // The server's QA users have the same ids as the choices.
    input.checked = server ? (server.state?.userId ?? 'signed-out') === choice.id : adapter.user?.username === choice.user?.username;
    input.setAttribute('aria-describedby', `qa-user-${choice.id}-description`);
    input.addEventListener('change', () => {
      if (!input.checked) return;
      if (server) {
        void server.configure({ userId: choice.user === null ? null : choice.id }).then(refreshElements);
        return;
      }
      adapter.user = choice.user;
      refreshElements();
    });
    const label = create('label', { htmlFor: input.id, className: 'qa-radio' }, input, create('span', {}, choice.label));
    const description = create('span', { className: 'qa-hint', id: `qa-user-${choice.id}-description` }, choice.description);
    group.append(create('div', { className: 'qa-choice' }, label, description));
  }
}

function setupBackend(adapter: QaMemoryAdapter, refreshElements: () => void, server: ServerBackend | undefined): void {
  const offline = byId<HTMLInputElement>('qa-offline');
  const latency = byId<HTMLInputElement>('qa-latency');
  const lifetime = byId<HTMLInputElement>('qa-lifetime');
  const clock = byId<HTMLInputElement>('qa-clock');

  if (server) {
    // The server has no latency or clock settings; offline mode and the challenge lifetime are its QA settings.
    latency.disabled = true;
    clock.disabled = true;
    const showServer = (): void => {
      offline.checked = server.state?.offline ?? false;
      lifetime.value = String(server.state?.challengeLifetimeSeconds ?? '');
    };
    showServer();
    server.addEventListener('change', showServer);
    offline.addEventListener('change', () => void server.configure({ offline: offline.checked }));
    lifetime.addEventListener('change', () => {
      const value = readInteger(lifetime);
      if (value === null) showServer();
      else void server.configure({ challengeLifetimeSeconds: value });
    });
    return;
  }

  const show = (): void => {
    offline.checked = adapter.offline;
    latency.value = String(adapter.latencyMs);
    lifetime.value = String(adapter.challengeLifetimeSeconds);
    clock.value = String(Math.round(adapter.clockOffsetMs / 60_000));
  };
  show();
  adapter.addEventListener('change', show);

  offline.addEventListener('change', () => adapter.configure({ offline: offline.checked }));

  const bind = (input: HTMLInputElement, apply: (value: number) => void): void => {
    input.addEventListener('change', () => {
      const value = readInteger(input);
      if (value === null) {
        show();
        return;
      }
      apply(value);
      show();
    });
  };
  bind(latency, (value) => adapter.configure({ latencyMs: value }));
  bind(lifetime, (value) => adapter.configure({ challengeLifetimeSeconds: value }));
  bind(clock, (value) => {
    adapter.configure({ clockOffsetMs: value * 60_000 });
    // The server marks licenses expired by its own clock: reload the list to show it.
    refreshElements();
  });
}

/** Returns `count` licenses of many products, with every status, for the long-list preset. */
function manyLicenses(count: number, now: number): License[] {
  const day = (offset: number): string => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
  const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from({ length: count }, (_, index) => {
    const seatsTotal = index % 17 === 0 ? 'unlimited' : 25 * (1 + (index % 40));
    const seatsUsed = typeof seatsTotal === 'number' ? Math.round(seatsTotal * ((index % 23) / 20)) : index % 3000;
    const expires = (index * 37) % 760 - 60;
    const key = Array.from({ length: 5 }, (_, group) =>
      Array.from({ length: 5 }, (_, position) => symbols[(index * 7 + group * 13 + position * 31 + ((index >> position) & 31)) % 32]).join(''),
    ).join('-');
    const perpetual = index % 29 === 0;
    return {
      id: `lic-bulk-${index + 1}`,
      product: `Product ${String(index + 1).padStart(5, '0')}`,
      key,
      seatsUsed,
      seatsTotal,
      issuedAt: day(expires - 365),
      expiresAt: perpetual ? null : day(expires),
      status: !perpetual && expires < 0 ? 'expired' : 'active',
    };
  });
}

/** Adds the data preset control to the Backend group: demo data, no licenses or 10,000 licenses. */
function setupDataPreset(adapter: QaMemoryAdapter, refreshElements: () => void, server: ServerBackend | undefined): void {
  const presets: Record<string, () => License[]> = {
    demo: () => createSampleLicenses(Date.now() + adapter.clockOffsetMs),
    empty: () => [],
    many: () => manyLicenses(10_000, Date.now() + adapter.clockOffsetMs),
  };
  const select = create(
    'select',
    { id: 'qa-data-preset', disabled: server !== undefined },
    create('option', { value: 'demo' }, 'Demo data'),
    create('option', { value: 'empty' }, 'Empty'),
    create('option', { value: 'many' }, '10,000 licenses'),
  );
  select.setAttribute('aria-describedby', 'qa-data-preset-hint');
  select.addEventListener('change', () => {
    adapter.replaceLicenses(presets[select.value]?.() ?? []);
    refreshElements();
  });
  const hint = create(
    'p',
    { className: 'qa-hint', id: 'qa-data-preset-hint' },
    server ? 'The reference server keeps its own licenses.' : 'Replaces every license of the in-memory backend.',
  );
  const row = create('div', { className: 'qa-grid' }, create('label', { htmlFor: select.id }, 'Data preset'), select);
  byId('qa-offline').closest('fieldset')!.append(row, hint);
}

function setupFailures(adapter: QaMemoryAdapter, server: ServerBackend | undefined): void {
  const code = byId<HTMLSelectElement>('qa-fail-code');
  const call = byId<HTMLSelectElement>('qa-fail-call');
  const status = byId('qa-fail-status');
  if (server) {
    code.closest('fieldset')!.disabled = true;
    status.textContent = 'Injected failures act on the in-browser adapter only.';
    return;
  }

  code.append(...LICENSE_ERROR_CODES.map((value) => create('option', { value, textContent: value })));
  call.append(
    create('option', { value: '', textContent: 'Any method' }),
    ...ADAPTER_CALLS.map((value) => create('option', { value, textContent: value })),
  );

  const show = (): void => {
    const queued = adapter.queuedFailures;
    status.textContent =
      queued.length === 0
        ? 'No failure queued.'
        : `Queued: ${queued.map((failure) => `${failure.error.code} on ${failure.call ?? 'the next call'}`).join(', then ')}.`;
  };
  show();
  adapter.addEventListener('calls', show);

  byId('qa-fail-add').addEventListener('click', () => {
    adapter.failNext(code.value as LicenseErrorCode, call.value === '' ? undefined : (call.value as AdapterCall));
  });
  byId('qa-fail-clear').addEventListener('click', () => adapter.clearFailures());
}

async function setupSampleKeys(server: ServerBackend | undefined): Promise<void> {
  const list = byId('qa-keys');
  const status = byId('qa-copy-status');
  let keys: SampleKeys;
  try {
    // The reference server takes keys signed by the demo vendor, so it issues its own samples.
    keys = server ? await server.sampleKeys() : createSampleKeys(Date.now());
  } catch (error) {
    status.textContent = `Sample keys are unavailable: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }

  const samples = [
    ...SAMPLE_KEYS.map((sample) => ({ ...sample, key: keys[sample.id] })),
    ...DAMAGED_SAMPLE_KEYS.map((sample) => ({ ...sample, key: sample.damage(keys) })),
  ];
  for (const sample of samples) {
    const key = sample.key;
    const code = create('code', { className: 'mono qa-key-text', id: `qa-key-${sample.id}` }, key);
    const copy = create('button', { type: 'button', className: 'qa-small' }, 'Copy');
    copy.setAttribute('aria-label', `Copy key: ${sample.label}`);
    copy.addEventListener('click', async () => {
      status.textContent = '';
      status.textContent = await copyText(key, code, `${sample.label} key`);
    });
    list.append(
      create(
        'li',
        { className: 'qa-key' },
        create('div', { className: 'qa-key-head' }, create('span', { className: 'qa-key-name' }, sample.label), copy),
        create('p', { className: 'qa-hint' }, sample.description),
        code,
      ),
    );
  }
}

function setupSupportBox(adapter: QaMemoryAdapter, server: ServerBackend | undefined): void {
  const input = byId<HTMLInputElement>('qa-challenge');
  const output = byId<HTMLOutputElement>('qa-response');
  const copy = byId<HTMLButtonElement>('qa-response-copy');
  const usePending = byId<HTMLButtonElement>('qa-use-pending');
  let response: string | null = null;

  const compute = (): void => {
    const challenge = input.value.trim();
    response = challenge === '' ? null : computeResponseKey(challenge);
    output.classList.toggle('qa-error', challenge !== '' && response === null);
    if (challenge === '') output.textContent = '—';
    else output.textContent = response ?? 'The challenge key is malformed: a group is missing or fails its check symbol.';
    input.setAttribute('aria-invalid', String(challenge !== '' && response === null));
    copy.disabled = response === null;
  };
  compute();
  input.addEventListener('input', compute);

  usePending.addEventListener('click', async () => {
    const pending = server ? await server.storedChallenge() : adapter.pendingChallenge;
    if (pending === null) {
      input.value = '';
      compute();
      output.textContent = 'No challenge is pending. Submit a key while offline first.';
      return;
    }
    input.value = pending.challengeKey;
    compute();
  });

  copy.addEventListener('click', async () => {
    if (response === null) return;
    const text = await copyText(response, output, 'Response key');
    copy.textContent = text.endsWith('copied.') ? 'Copied' : 'Copy';
    copy.setAttribute('aria-label', text);
    setTimeout(() => {
      copy.textContent = 'Copy';
      copy.setAttribute('aria-label', 'Copy response key');
    }, 2000);
  });
}

/** Adds the choice between the in-browser adapter and the reference server at the top of the form; switching reloads the page. */
function setupBackendSwitch(server: ServerBackend | undefined): void {
  const select = create(
    'select',
    { id: 'qa-backend' },
    create('option', { value: 'memory', textContent: 'In-browser adapter (MemoryAdapter)' }),
    create('option', { value: 'server', textContent: 'Reference server (HttpAdapter)' }),
  );
  select.value = server ? 'server' : 'memory';
  select.addEventListener('change', () => location.assign(backendUrl(select.value === 'server' ? 'server' : 'memory')));
  const hintText = (): string =>
    server ? (server.error ?? 'The server keeps its data in .demo-data/ across restarts.') : 'Data lives in this page and resets on reload.';
  const hint = create('p', { className: 'qa-hint', id: 'qa-backend-hint' }, hintText());
  server?.addEventListener('change', () => {
    hint.textContent = hintText();
  });
  select.setAttribute('aria-describedby', hint.id);
  const fieldset = create('fieldset', {}, create('legend', {}, 'Backend in use'), create('label', { htmlFor: 'qa-backend' }, 'Backend'), select, hint);
  byId('qa-form').prepend(fieldset);
}

function setupDisplay(localeRoot: HTMLElement, onLocaleChange: () => void): void {
  const theme = byId<HTMLSelectElement>('qa-theme');
  const lang = byId<HTMLSelectElement>('qa-lang');
  const rtl = byId<HTMLInputElement>('qa-rtl');
  const root = document.documentElement;

  theme.addEventListener('change', () => root.style.setProperty('color-scheme', theme.value));
  lang.value = localeRoot.lang || 'en';
  lang.addEventListener('change', () => {
    localeRoot.lang = lang.value;
    onLocaleChange();
  });
  rtl.checked = root.dir === 'rtl';
  rtl.addEventListener('change', () => {
    root.dir = rtl.checked ? 'rtl' : 'ltr';
  });
}

function setupCallLog(adapter: Pick<QaMemoryAdapter, 'calls' | 'addEventListener'>): void {
  const log = byId('qa-log');
  const render = (): void => {
    const calls = adapter.calls;
    if (calls.length === 0) {
      log.replaceChildren(create('li', { className: 'qa-hint' }, 'No calls yet.'));
      return;
    }
    log.replaceChildren(
      ...calls.map((record) => {
        const outcome = record.outcome === 'error' && record.injected ? 'injected error' : record.outcome;
        const details = [record.detail, record.durationMs === null ? '' : `${record.durationMs} ms`].filter(Boolean).join(' · ');
        return create(
          'li',
          { className: `qa-call qa-call-${record.outcome}` },
          create('span', { className: 'mono' }, record.method),
          ' ',
          create('span', { className: 'qa-outcome' }, outcome),
          details ? create('span', { className: 'qa-call-detail' }, details) : '',
        );
      }),
    );
  };
  render();
  adapter.addEventListener('calls', render);
}
