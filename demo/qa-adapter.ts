/**
 * The demo's backend: the kit's MemoryAdapter, recording each call for the QA panel's call log and
 * keeping track of which injected failures are still queued.
 */
import { isAbortError, LicenseError, type LicenseErrorCode } from '../src/adapter/errors.ts';
import type { ActivationResult, CallOptions, CurrentUser, License, OfflineChallenge, SubmitResult } from '../src/adapter/types.ts';
import { MemoryAdapter, type AdapterCall } from '../src/adapter/memory/index.ts';

export interface CallRecord {
  id: number;
  method: AdapterCall;
  /** `performance.now()` when the call started. */
  startedAt: number;
  durationMs: number | null;
  outcome: 'pending' | 'ok' | 'error' | 'aborted';
  /** Error code for failed calls, or a short summary of the answer. */
  detail: string;
  /** Whether the failure was queued from the QA panel. */
  injected: boolean;
}

export interface QueuedFailure {
  error: LicenseError;
  call: AdapterCall | undefined;
}

const LOG_SIZE = 12;

/** Fires `calls` whenever the call log or the failure queue changes, besides MemoryAdapter's `change`. */
export class QaMemoryAdapter extends MemoryAdapter {
  #calls: CallRecord[] = [];
  #queued: QueuedFailure[] = [];
  #nextCallId = 1;

  /** The latest calls, newest first. */
  get calls(): readonly CallRecord[] {
    return this.#calls;
  }

  /** Injected failures no call has taken yet, in the order they will be taken. */
  get queuedFailures(): readonly QueuedFailure[] {
    return this.#queued;
  }

  override failNext(code: LicenseErrorCode | LicenseError, call?: AdapterCall): void {
    const error = typeof code === 'string' ? new LicenseError(code, `Injected failure: ${code}`) : code;
    super.failNext(error, call);
    this.#queued.push({ error, call });
    this.#notify();
  }

  override clearFailures(): void {
    super.clearFailures();
    this.#queued = [];
    this.#notify();
  }

  override getCurrentUser(options?: CallOptions): Promise<CurrentUser> {
    return this.#track('getCurrentUser', () => super.getCurrentUser(options), (user) => `${user.username} (${user.role})`);
  }

  override listLicenses(options?: CallOptions): Promise<License[]> {
    return this.#track('listLicenses', () => super.listLicenses(options), (licenses) => `${licenses.length} licenses`);
  }

  override submitLicenseKey(key: string, options?: CallOptions): Promise<SubmitResult> {
    return this.#track(
      'submitLicenseKey',
      () => super.submitLicenseKey(key, options),
      (result) => {
        if (result.kind === 'challenge') return 'challenge issued';
        return `${result.previous ? 'renewed' : 'added'} ${result.license.product}`;
      },
    );
  }

  override activateOffline(challengeId: string, responseKey: string, options?: CallOptions): Promise<ActivationResult> {
    return this.#track('activateOffline', () => super.activateOffline(challengeId, responseKey, options), (result) => `activated ${result.license.product}`);
  }

  override getPendingChallenge(options?: CallOptions): Promise<OfflineChallenge | null> {
    return this.#track('getPendingChallenge', () => super.getPendingChallenge(options), (challenge) => (challenge ? 'challenge pending' : 'none'));
  }

  async #track<T>(method: AdapterCall, call: () => Promise<T>, summarize: (value: T) => string): Promise<T> {
    const record: CallRecord = {
      id: this.#nextCallId++,
      method,
      startedAt: performance.now(),
      durationMs: null,
      outcome: 'pending',
      detail: '',
      injected: false,
    };
    this.#calls = [record, ...this.#calls].slice(0, LOG_SIZE);
    this.#notify();

    try {
      const value = await call();
      this.#finish(record, 'ok', summarize(value));
      return value;
    } catch (error) {
      if (isAbortError(error)) {
        this.#finish(record, 'aborted', '');
      } else {
        const index = this.#queued.findIndex((queued) => queued.error === error);
        if (index >= 0) this.#queued.splice(index, 1);
        record.injected = index >= 0;
        this.#finish(record, 'error', error instanceof LicenseError ? error.code : String(error));
      }
      throw error;
    }
  }

  #finish(record: CallRecord, outcome: CallRecord['outcome'], detail: string): void {
    record.outcome = outcome;
    record.detail = detail;
    record.durationMs = Math.round(performance.now() - record.startedAt);
    this.#notify();
  }

  #notify(): void {
    this.dispatchEvent(new Event('calls'));
  }
}
