/**
 * The demo on the reference server (server/), chosen with `?backend=server`: the HTTP adapter for
 * the elements, and the QA panel's controls wired to the server's QA endpoints under /qa/ instead
 * of the in-memory adapter. scripts/start-demo.mjs proxies /api/ and /qa/ to the server.
 */
import { isAbortError, LicenseError } from '../src/adapter/errors.ts';
import { HttpAdapter } from '../src/adapter/http/http-adapter.ts';
import type { LicenseAdapter, OfflineChallenge } from '../src/adapter/types.ts';
import type { CallRecord } from './qa-adapter.ts';

export type BackendKind = 'memory' | 'server';

/** A user the server's QA endpoint can sign in. */
export interface ServerUser {
  username: string;
  displayName: string;
  role: string;
}

/** The server's QA settings, as GET /qa/state returns them. */
export interface ServerQaState {
  userId: string | null;
  offline: boolean;
  challengeLifetimeSeconds: number;
  responseAttempts: number;
  users: Record<string, ServerUser>;
}

/** Sample keys signed by the demo vendor, as GET /qa/sample-keys returns them. */
export interface ServerSampleKeys {
  newProduct: string;
  renewal: string;
  expired: string;
  otherProduct: string;
  mistyped: string;
}

/** Returns the backend the page URL selects: `?backend=server` for the reference server, else the in-browser adapter. */
export function selectedBackend(): BackendKind {
  return new URLSearchParams(location.search).get('backend') === 'server' ? 'server' : 'memory';
}

/** Returns the page URL for `backend`, keeping the route. */
export function backendUrl(backend: BackendKind): string {
  const url = new URL(location.href);
  if (backend === 'server') url.searchParams.set('backend', 'server');
  else url.searchParams.delete('backend');
  return url.href;
}

async function qaRequest<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} failed with HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const LOG_SIZE = 12;

/**
 * The reference server seen from the demo page: the adapter the elements use, a log of its calls
 * and the QA settings. Fires `change` after the settings changed and `calls` after the log changed.
 */
export class ServerBackend extends EventTarget {
  readonly adapter: LicenseAdapter;
  #calls: CallRecord[] = [];
  #nextCallId = 1;
  #state: ServerQaState | null = null;

  constructor() {
    super();
    const http = new HttpAdapter({ baseUrl: '/api/v1', timeoutMs: 10_000 });
    this.adapter = {
      getCurrentUser: (options) => this.#track('getCurrentUser', () => http.getCurrentUser(options)),
      listLicenses: (options) => this.#track('listLicenses', () => http.listLicenses(options)),
      submitLicenseKey: (key, options) => this.#track('submitLicenseKey', () => http.submitLicenseKey(key, options)),
      activateOffline: (id, responseKey, options) => this.#track('activateOffline', () => http.activateOffline(id, responseKey, options)),
      getPendingChallenge: (options) => this.#track('getPendingChallenge', () => http.getPendingChallenge(options)),
      renewChallenge: (id, options) => this.#track('renewChallenge', () => http.renewChallenge(id, options)),
      getKeyFormats: (options) => this.#track('getKeyFormats', () => http.getKeyFormats(options)),
    };
  }

  /** The latest adapter calls, newest first. */
  get calls(): readonly CallRecord[] {
    return this.#calls;
  }

  async #track<T>(method: CallRecord['method'], call: () => Promise<T>): Promise<T> {
    const record: CallRecord = { id: this.#nextCallId++, method, startedAt: performance.now(), durationMs: null, outcome: 'pending', detail: '', injected: false };
    this.#calls = [record, ...this.#calls].slice(0, LOG_SIZE);
    this.dispatchEvent(new Event('calls'));
    try {
      const value = await call();
      record.outcome = 'ok';
      return value;
    } catch (error) {
      record.outcome = isAbortError(error) ? 'aborted' : 'error';
      record.detail = error instanceof LicenseError ? error.code : '';
      throw error;
    } finally {
      record.durationMs = Math.round(performance.now() - record.startedAt);
      this.dispatchEvent(new Event('calls'));
    }
  }
  /** Reason the server could not be reached, or null. */
  error: string | null = null;

  /** Reads the QA settings; on failure records the reason in {@link error}. */
  async load(): Promise<void> {
    try {
      this.#state = await qaRequest<ServerQaState>('/qa/state');
      this.error = null;
    } catch (error) {
      this.error = `The reference server is not reachable (${error instanceof Error ? error.message : String(error)}). Start the demo with npm start.`;
    }
    this.dispatchEvent(new Event('change'));
  }

  get state(): ServerQaState | null {
    return this.#state;
  }

  /** The signed-in user, or null. */
  get user(): ServerUser | null {
    const state = this.#state;
    return state === null || state.userId === null ? null : (state.users[state.userId] ?? null);
  }

  /** Changes QA settings; on failure records the reason in {@link error} instead of rejecting. */
  async configure(changes: Partial<Pick<ServerQaState, 'userId' | 'offline' | 'challengeLifetimeSeconds'>>): Promise<void> {
    try {
      const settings = await qaRequest<Omit<ServerQaState, 'users'>>('/qa/state', changes);
      if (this.#state !== null) this.#state = { ...this.#state, ...settings };
      this.error = null;
    } catch (error) {
      this.error = `Changing the server's QA settings failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.dispatchEvent(new Event('change'));
  }

  sampleKeys(): Promise<ServerSampleKeys> {
    return qaRequest<ServerSampleKeys>('/qa/sample-keys');
  }

  /** Fetches the server's latest challenge, ignoring expiry, as support would look it up. */
  storedChallenge(): Promise<OfflineChallenge | null> {
    return qaRequest<OfflineChallenge | null>('/qa/challenge');
  }
}
