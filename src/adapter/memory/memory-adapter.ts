import { LicenseError, type LicenseErrorCode } from '../errors.js';
import {
  mayManageLicenses,
  type ActivationResult,
  type CallOptions,
  type CurrentUser,
  type KeyFormats,
  type License,
  type LicenseAdapter,
  type OfflineChallenge,
  type SubmitResult,
} from '../types.js';
import { parseDemoKey } from './demo-keys.js';
import { createChallengeKey, DEMO_KEY_FORMATS, verifyResponseKey } from './offline-codes.js';
import { createSampleLicenses, DEMO_INSTALLED_PRODUCTS, isoDateFrom } from './sample-data.js';

/** The user the in-memory adapter reports as signed in. */
export interface MemoryUser {
  username: string;
  displayName: string;
  role: string;
}

export interface MemoryAdapterOptions {
  /** Initial licenses; the demo data set when omitted. */
  licenses?: License[];
  /** Signed-in user; an administrator when omitted. `null` means nobody is signed in. */
  user?: MemoryUser | null;
  /** Delay of every call in milliseconds (default 0). */
  latencyMs?: number;
  /** Behave as an installation that cannot reach the vendor: submitted keys return a challenge. */
  offline?: boolean;
  /** Lifetime of offline challenges in seconds (default 900). */
  challengeLifetimeSeconds?: number;
  /** Added to the real time, in milliseconds, to simulate a server clock that is ahead or behind. */
  clockOffsetMs?: number;
  /** Products this installation runs; a valid key for any other product is rejected as another product's. */
  installedProducts?: readonly string[];
  /** Identifies the installation in challenge keys. */
  installationId?: string;
}

/** Adapter method names, for targeting {@link MemoryAdapter.failNext} at one call. */
export type AdapterCall = keyof LicenseAdapter;

interface PendingChallenge {
  challenge: OfflineChallenge;
  licenseKey: string;
  issuedAtMs: number;
}

interface InjectedFailure {
  error: LicenseError;
  call: AdapterCall | undefined;
}

/** Default signed-in user: an administrator. */
export const DEMO_ADMIN: MemoryUser = { username: 'jdoe', displayName: 'Jordan Doe', role: 'Admin' };
/** The built-in system administrator account, which may manage licenses whatever its role. */
export const DEMO_SYSTEM_ADMIN: MemoryUser = { username: 'one_sys_admin', displayName: 'System Administrator', role: 'System' };
/** A user without license permissions. */
export const DEMO_READ_ONLY_USER: MemoryUser = { username: 'asmith', displayName: 'Alex Smith', role: 'Read-only' };

const DEFAULT_LIFETIME_SECONDS = 900;

/**
 * A realistic backend kept in memory, for the demo, Storybook and tests. It validates keys in the
 * demo key format, renews an existing license when a key is for a product already licensed, and,
 * when offline, answers a submitted key with a challenge that {@link computeResponseKey} answers.
 *
 * Its fault injection (latency, a failing next call, the user's role, offline mode and a clock
 * offset) lets stories, tests and the demo force every state. It fires `change` whenever its data
 * or settings change.
 */
export class MemoryAdapter extends EventTarget implements LicenseAdapter {
  latencyMs: number;
  offline: boolean;
  challengeLifetimeSeconds: number;
  clockOffsetMs: number;
  readonly installedProducts: readonly string[];
  readonly installationId: string;

  #licenses: License[];
  #user: MemoryUser | null;
  #pending: PendingChallenge | null = null;
  #replacedChallengeIds = new Set<string>();
  #failures: InjectedFailure[] = [];
  #nextId = 1;

  constructor(options: MemoryAdapterOptions = {}) {
    super();
    this.latencyMs = options.latencyMs ?? 0;
    this.offline = options.offline ?? false;
    this.challengeLifetimeSeconds = options.challengeLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.installedProducts = options.installedProducts ?? DEMO_INSTALLED_PRODUCTS;
    this.installationId = options.installationId ?? 'demo-installation';
    this.#licenses = structuredClone(options.licenses ?? createSampleLicenses(Date.now() + this.clockOffsetMs));
    this.#user = options.user === undefined ? DEMO_ADMIN : options.user;
  }

  /** The server's current time in milliseconds: the real time plus {@link clockOffsetMs}. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The signed-in user, or `null`. */
  get user(): MemoryUser | null {
    return this.#user;
  }

  set user(user: MemoryUser | null) {
    this.#user = user;
    this.#changed();
  }

  /** A copy of the stored licenses. */
  get licenses(): License[] {
    return structuredClone(this.#licenses);
  }

  /** Replaces every stored license with a copy of `licenses` and fires `change`; for demo data presets. */
  replaceLicenses(licenses: readonly License[]): void {
    this.#licenses = structuredClone([...licenses]);
    this.#changed();
  }

  /** The pending challenge, ignoring expiry; for the demo's support box. */
  get pendingChallenge(): OfflineChallenge | null {
    return this.#pending ? { ...this.#pending.challenge } : null;
  }

  /**
   * Makes the next call fail with `code` (or the given error). With `call`, only the next call of
   * that method fails. Failures queue in the order they are added.
   */
  failNext(code: LicenseErrorCode | LicenseError, call?: AdapterCall): void {
    const error = typeof code === 'string' ? new LicenseError(code, `Injected failure: ${code}`) : code;
    this.#failures.push({ error, call });
  }

  /** Removes every queued failure. */
  clearFailures(): void {
    this.#failures = [];
  }

  /** Updates settings and fires `change`. */
  configure(settings: Partial<Pick<MemoryAdapter, 'latencyMs' | 'offline' | 'challengeLifetimeSeconds' | 'clockOffsetMs'>>): void {
    Object.assign(this, settings);
    this.#changed();
  }

  async getCurrentUser(options?: CallOptions): Promise<CurrentUser> {
    await this.#begin('getCurrentUser', options);
    const user = this.#requireUser();
    return { ...user, canManageLicenses: mayManageLicenses(user) };
  }

  async listLicenses(options?: CallOptions): Promise<License[]> {
    await this.#begin('listLicenses', options);
    this.#requireManager();
    return this.#refreshStatuses();
  }

  async submitLicenseKey(key: string, options?: CallOptions): Promise<SubmitResult> {
    await this.#begin('submitLicenseKey', options);
    this.#requireManager();
    const checked = this.#checkKey(key);

    if (this.offline) return { kind: 'challenge', challenge: this.#issueChallenge(checked.key, checked.product) };
    return { kind: 'activated', ...this.#apply(checked.key) };
  }

  async activateOffline(challengeId: string, responseKey: string, options?: CallOptions): Promise<ActivationResult> {
    await this.#begin('activateOffline', options);
    this.#requireManager();

    const pending = this.#pending;
    if (pending === null || pending.challenge.id !== challengeId) {
      if (this.#replacedChallengeIds.has(challengeId)) {
        throw new LicenseError('challenge-replaced', `Challenge ${challengeId} was replaced by a newer challenge`);
      }
      throw new LicenseError('challenge-expired', `No pending challenge with id ${challengeId}`);
    }
    if (this.#secondsLeft(pending) <= 0) {
      // The expired challenge stays on record, so renewChallenge can issue its successor.
      throw new LicenseError('challenge-expired', `Challenge ${challengeId} expired`);
    }
    if (!verifyResponseKey(pending.challenge.challengeKey, responseKey)) {
      throw new LicenseError('response-mismatch', `The response key is not the response to challenge ${challengeId}`);
    }

    this.#pending = null;
    // The key may have been applied online while the challenge was pending.
    if (this.#licenses.some((license) => license.key === pending.licenseKey)) {
      this.#changed();
      throw new LicenseError('key-already-applied', 'This key is already applied');
    }
    return this.#apply(pending.licenseKey);
  }

  async renewChallenge(challengeId: string, options?: CallOptions): Promise<OfflineChallenge> {
    await this.#begin('renewChallenge', options);
    this.#requireManager();

    const pending = this.#pending;
    if (pending === null || pending.challenge.id !== challengeId) {
      if (this.#replacedChallengeIds.has(challengeId)) {
        throw new LicenseError('challenge-replaced', `Challenge ${challengeId} was replaced by a newer challenge`);
      }
      throw new LicenseError('not-found', `No challenge with id ${challengeId} to renew`);
    }
    return this.#issueChallenge(pending.licenseKey, pending.challenge.product ?? '');
  }

  async getKeyFormats(options?: CallOptions): Promise<KeyFormats> {
    await this.#begin('getKeyFormats', options);
    return structuredClone(DEMO_KEY_FORMATS);
  }

  async getPendingChallenge(options?: CallOptions): Promise<OfflineChallenge | null> {
    await this.#begin('getPendingChallenge', options);
    this.#requireManager();
    const pending = this.#pending;
    if (pending === null) return null;

    return { ...pending.challenge, expiresInSeconds: this.#secondsLeft(pending) };
  }

  /** Waits for the configured latency, honouring the signal, then throws any injected failure. */
  async #begin(call: AdapterCall, options: CallOptions | undefined): Promise<void> {
    const signal = options?.signal;
    signal?.throwIfAborted();
    if (this.latencyMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, this.latencyMs);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }

    const index = this.#failures.findIndex((failure) => failure.call === undefined || failure.call === call);
    if (index >= 0) {
      const [failure] = this.#failures.splice(index, 1);
      throw failure!.error;
    }
  }

  #requireUser(): MemoryUser {
    if (this.#user === null) throw new LicenseError('not-signed-in', 'Nobody is signed in');
    return this.#user;
  }

  #requireManager(): void {
    const user = this.#requireUser();
    if (!mayManageLicenses(user)) {
      throw new LicenseError('forbidden', `User ${user.username} with role ${user.role} may not manage licenses`);
    }
  }

  /** Verifies a submitted key and returns its canonical form and product. */
  #checkKey(key: string): { key: string; product: string } {
    const parsed = parseDemoKey(key);
    if (!parsed.ok) throw new LicenseError('invalid-key', `The license key is invalid (${parsed.problem})`);

    const { fields } = parsed;
    if (!this.installedProducts.includes(fields.product)) {
      throw new LicenseError('wrong-product', `The key is for ${fields.product}, which this installation does not run`);
    }
    if (fields.expiresOn !== null && fields.expiresOn < isoDateFrom(this.now(), 0)) {
      throw new LicenseError('key-expired', `The key expired on ${fields.expiresOn}`);
    }
    if (this.#licenses.some((license) => license.key === parsed.key)) {
      throw new LicenseError('key-already-applied', 'This key is already applied');
    }
    return { key: parsed.key, product: fields.product };
  }

  /** Adds a license for the key's product, or renews the existing one. */
  #apply(canonicalKey: string): ActivationResult {
    const parsed = parseDemoKey(canonicalKey);
    if (!parsed.ok) throw new LicenseError('invalid-key', `The license key is invalid (${parsed.problem})`);
    const { fields } = parsed;

    const index = this.#licenses.findIndex((license) => license.product === fields.product);
    const previous = index >= 0 ? this.#licenses[index] : undefined;
    const license: License = {
      id: previous?.id ?? `lic-${this.#nextId++}`,
      product: fields.product,
      key: canonicalKey,
      seatsUsed: previous?.seatsUsed ?? 0,
      seatsTotal: fields.seats,
      issuedAt: fields.issuedOn,
      expiresAt: fields.expiresOn,
      status: 'active',
    };

    if (previous === undefined) this.#licenses.push(license);
    else this.#licenses[index] = license;
    this.#changed();
    return previous === undefined ? { license: structuredClone(license) } : { license: structuredClone(license), previous };
  }

  #issueChallenge(licenseKey: string, product: string): OfflineChallenge {
    if (this.#pending !== null) this.#replacedChallengeIds.add(this.#pending.challenge.id);

    const issuedAtMs = this.now();
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const challenge: OfflineChallenge = {
      id: `chl-${nonce}`,
      challengeKey: createChallengeKey(this.installationId, licenseKey, nonce),
      lifetimeSeconds: this.challengeLifetimeSeconds,
      expiresInSeconds: this.challengeLifetimeSeconds,
      issuedAt: new Date(issuedAtMs).toISOString(),
      product,
    };
    this.#pending = { challenge, licenseKey, issuedAtMs };
    this.#changed();
    return { ...challenge };
  }

  #secondsLeft(pending: PendingChallenge): number {
    return Math.max(0, pending.challenge.lifetimeSeconds - Math.floor((this.now() - pending.issuedAtMs) / 1000));
  }

  /** Marks licenses whose expiry day has passed as expired, and returns a copy of the list. */
  #refreshStatuses(): License[] {
    const today = isoDateFrom(this.now(), 0);
    for (const license of this.#licenses) {
      if (license.expiresAt !== null && license.expiresAt.slice(0, 10) < today) license.status = 'expired';
    }
    return structuredClone(this.#licenses);
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
