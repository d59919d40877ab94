/**
 * An adapter wrapper for tests: it records every call with its AbortSignal, and can hold the calls
 * of one method until the test settles them, so a test controls the order in which results arrive.
 */
import type { AdapterCall } from '../../src/adapter/memory/index.ts';
import type { CallOptions, KeyFormats, LicenseAdapter } from '../../src/adapter/types.ts';

/** One call the wrapped adapter received. */
export interface RecordedCall {
  method: AdapterCall;
  args: unknown[];
  signal: AbortSignal | undefined;
  /** Settles (never rejects) once the promise returned to the caller has settled. */
  settled: Promise<void>;
  /** For a held call: resolves it with `value`, ignoring its signal. */
  resolve(value: unknown): void;
  /** For a held call: rejects it with `error`. */
  reject(error: unknown): void;
  /** For a held call: forwards it to the wrapped adapter. */
  proceed(): void;
}

type Methods = Required<Pick<LicenseAdapter, AdapterCall>>;

export class RecordingAdapter implements LicenseAdapter {
  readonly calls: RecordedCall[] = [];
  readonly #inner: LicenseAdapter;
  readonly #held = new Set<AdapterCall>();

  constructor(inner: LicenseAdapter) {
    this.#inner = inner;
  }

  /** Returns the recorded calls of `method`, oldest first. */
  callsOf(method: AdapterCall): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Holds every later call of `method` until the test resolves, rejects or forwards it. */
  hold(method: AdapterCall): void {
    this.#held.add(method);
  }

  getCurrentUser(options?: CallOptions): ReturnType<Methods['getCurrentUser']> {
    return this.#record('getCurrentUser', [], options, () => this.#inner.getCurrentUser(options));
  }

  listLicenses(options?: CallOptions): ReturnType<Methods['listLicenses']> {
    return this.#record('listLicenses', [], options, () => this.#inner.listLicenses(options));
  }

  submitLicenseKey(key: string, options?: CallOptions): ReturnType<Methods['submitLicenseKey']> {
    return this.#record('submitLicenseKey', [key], options, () => this.#inner.submitLicenseKey(key, options));
  }

  activateOffline(challengeId: string, responseKey: string, options?: CallOptions): ReturnType<Methods['activateOffline']> {
    return this.#record('activateOffline', [challengeId, responseKey], options, () =>
      this.#inner.activateOffline(challengeId, responseKey, options),
    );
  }

  getPendingChallenge(options?: CallOptions): ReturnType<Methods['getPendingChallenge']> {
    return this.#record('getPendingChallenge', [], options, () => this.#inner.getPendingChallenge(options));
  }

  renewChallenge(challengeId: string, options?: CallOptions): ReturnType<Methods['renewChallenge']> {
    return this.#record('renewChallenge', [challengeId], options, () => this.#inner.renewChallenge(challengeId, options));
  }

  getKeyFormats(options?: CallOptions): Promise<KeyFormats> {
    return this.#record('getKeyFormats', [], options, async () => (this.#inner.getKeyFormats ? this.#inner.getKeyFormats(options) : {}));
  }

  #record<T>(method: AdapterCall, args: unknown[], options: CallOptions | undefined, forward: () => Promise<T>): Promise<T> {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    const proceed = (): void => {
      forward().then(resolve, reject);
    };
    this.calls.push({
      method,
      args,
      signal: options?.signal,
      settled: promise.then(
        () => undefined,
        () => undefined,
      ),
      resolve: (value) => resolve(value as T),
      reject,
      proceed,
    });
    if (!this.#held.has(method)) proceed();
    return promise;
  }
}
