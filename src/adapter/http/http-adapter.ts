/**
 * An adapter for backends that implement the REST contract in openapi.yaml, built on `fetch`.
 *
 * Each call has a timeout, reads (GET) are retried with exponential backoff on network failures,
 * timeouts, 429 and 5xx answers, and every answer is validated against the contract before it is
 * returned. Every failure is a {@link LicenseError}; an aborted call rejects with its signal's reason.
 */
import { LICENSE_ERROR_CODES, LicenseError, type LicenseErrorCode } from '../errors.js';
import {
  parseActivationResult,
  parseCurrentUser,
  parseKeyFormats,
  parseLicenses,
  parsePendingChallenge,
  parseRenewedChallenge,
  parseSubmitResult,
} from '../schema.js';
import type {
  ActivationResult,
  CallOptions,
  CurrentUser,
  KeyFormats,
  License,
  LicenseAdapter,
  OfflineChallenge,
  SubmitResult,
} from '../types.js';

type MaybePromise<T> = T | Promise<T>;

export interface HttpAdapterOptions {
  /** URL the contract's paths are appended to, absolute or relative to the page (default `/api/v1`). */
  baseUrl?: string;
  /** The `fetch` to call, for example one that adds tracing (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Extra headers on every request, or a function that returns them for each request. */
  headers?: HeadersInit | (() => MaybePromise<HeadersInit>);
  /** Returns a bearer token for the `Authorization` header; no header when it returns null or an empty string. */
  getToken?: () => MaybePromise<string | null | undefined>;
  /** The `credentials` mode of every request (default `same-origin`, which sends the portal's session cookie). */
  credentials?: RequestCredentials;
  /** A CSRF header sent on every POST: its name and the token, or a function that returns the token. */
  csrf?: { header: string; token: string | (() => MaybePromise<string>) };
  /** Milliseconds one attempt may take, including reading the body (default 15,000). */
  timeoutMs?: number;
  /** Further attempts of a read after a retryable failure (default 2). Writes are never retried. */
  retries?: number;
  /** Delay before the first retry in milliseconds, doubled for each further retry (default 300). */
  retryDelayMs?: number;
  /** Longest `Retry-After` in seconds a read waits for by itself; a longer one fails with `rate-limited` (default 10). */
  maxRetryAfterSeconds?: number;
}

/** Codes the HTTP status maps to when the problem document has no known `code`. */
const STATUS_CODES: Readonly<Record<number, LicenseErrorCode>> = {
  401: 'not-signed-in',
  403: 'forbidden',
  404: 'not-found',
  408: 'timeout',
  409: 'key-already-applied',
  410: 'challenge-expired',
  413: 'invalid-key',
  422: 'invalid-key',
  429: 'rate-limited',
};

/** Per-operation overrides of {@link STATUS_CODES}, where a status means something else. */
const ACTIVATION_STATUS_CODES: Readonly<Record<number, LicenseErrorCode>> = { 409: 'challenge-replaced', 413: 'response-mismatch', 422: 'response-mismatch' };
const RENEWAL_STATUS_CODES: Readonly<Record<number, LicenseErrorCode>> = { 409: 'challenge-replaced' };

/** Statuses after which a read may be tried again. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  statusCodes?: Readonly<Record<number, LicenseErrorCode>>;
}

/** The failure of one attempt, and whether the next attempt must wait a given time. */
class AttemptFailure extends Error {
  constructor(
    readonly error: LicenseError,
    readonly waitMs?: number,
  ) {
    super(error.message);
  }
}

function isJson(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** Reads `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function isKnownCode(value: unknown): value is LicenseErrorCode {
  return typeof value === 'string' && (LICENSE_ERROR_CODES as readonly string[]).includes(value);
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An adapter that calls a backend implementing openapi.yaml. */
export class HttpAdapter implements LicenseAdapter {
  readonly #options: Required<Pick<HttpAdapterOptions, 'baseUrl' | 'credentials' | 'timeoutMs' | 'retries' | 'retryDelayMs' | 'maxRetryAfterSeconds'>> &
    HttpAdapterOptions;

  constructor(options: HttpAdapterOptions = {}) {
    this.#options = {
      ...options,
      baseUrl: (options.baseUrl ?? '/api/v1').replace(/\/+$/, ''),
      credentials: options.credentials ?? 'same-origin',
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 300,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 10,
    };
  }

  async getCurrentUser(options?: CallOptions): Promise<CurrentUser> {
    return parseCurrentUser(await this.#call({ method: 'GET', path: '/me' }, options?.signal));
  }

  async listLicenses(options?: CallOptions): Promise<License[]> {
    return parseLicenses(await this.#call({ method: 'GET', path: '/licenses' }, options?.signal));
  }

  async submitLicenseKey(key: string, options?: CallOptions): Promise<SubmitResult> {
    return parseSubmitResult(await this.#call({ method: 'POST', path: '/licenses', body: { key } }, options?.signal));
  }

  async activateOffline(challengeId: string, responseKey: string, options?: CallOptions): Promise<ActivationResult> {
    const path = `/offline-challenges/${encodeURIComponent(challengeId)}/activation`;
    const answer = await this.#call({ method: 'POST', path, body: { responseKey }, statusCodes: ACTIVATION_STATUS_CODES }, options?.signal);
    return parseActivationResult(answer);
  }

  async getPendingChallenge(options?: CallOptions): Promise<OfflineChallenge | null> {
    return parsePendingChallenge(await this.#call({ method: 'GET', path: '/offline-challenge' }, options?.signal));
  }

  async renewChallenge(challengeId: string, options?: CallOptions): Promise<OfflineChallenge> {
    const path = `/offline-challenges/${encodeURIComponent(challengeId)}/renewal`;
    return parseRenewedChallenge(await this.#call({ method: 'POST', path, statusCodes: RENEWAL_STATUS_CODES }, options?.signal));
  }

  async getKeyFormats(options?: CallOptions): Promise<KeyFormats> {
    return parseKeyFormats(await this.#call({ method: 'GET', path: '/key-formats' }, options?.signal));
  }

  /** Sends a request, retrying reads, and resolves with the parsed JSON answer. */
  async #call(request: Request, signal: AbortSignal | undefined): Promise<unknown> {
    const attempts = request.method === 'GET' ? this.#options.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      try {
        return await this.#attempt(request, signal);
      } catch (failure) {
        if (!(failure instanceof AttemptFailure)) throw failure;
        const { error } = failure;
        if (attempt >= attempts || !error.retryable) throw error;
        if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > this.#options.maxRetryAfterSeconds) throw error;
        await delay(failure.waitMs ?? this.#options.retryDelayMs * 2 ** (attempt - 1), signal);
      }
    }
  }

  /** One attempt under its own timeout; throws {@link AttemptFailure} for failures, the signal's reason on abort. */
  async #attempt(request: Request, signal: AbortSignal | undefined): Promise<unknown> {
    const label = `${request.method} ${this.#options.baseUrl}${request.path}`;
    const controller = new AbortController();
    const timeout = new DOMException(`${label} timed out after ${this.#options.timeoutMs} ms`, 'TimeoutError');
    const timer = setTimeout(() => controller.abort(timeout), this.#options.timeoutMs);
    const onAbort = (): void => controller.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    try {
      let headers: Headers;
      try {
        headers = await this.#headers(request);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const detail = error instanceof Error ? error.message : String(error);
        throw new AttemptFailure(new LicenseError('unknown', `${label} failed: the headers or token could not be read: ${detail}`, { cause: error, retryable: false }));
      }
      const fetchImpl = this.#options.fetch ?? globalThis.fetch;
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(`${this.#options.baseUrl}${request.path}`, {
          method: request.method,
          headers,
          credentials: this.#options.credentials,
          body: request.body === undefined ? null : JSON.stringify(request.body),
          signal: controller.signal,
        });
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (controller.signal.reason === timeout) throw new AttemptFailure(new LicenseError('timeout', timeout.message, { cause: error }));
        const detail = error instanceof Error ? error.message : String(error);
        throw new AttemptFailure(new LicenseError('network', `${label} failed: ${detail}`, { cause: error }));
      }
      return this.#read(request, label, response, text);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Turns a response into the parsed answer, or throws {@link AttemptFailure}. */
  #read(request: Request, label: string, response: Response, text: string): unknown {
    const contentType = response.headers.get('content-type');
    const json = isJson(contentType);
    let body: unknown;
    let parsed = false;
    if (json && text.trim() !== '') {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        // Reported below with the status.
      }
    }

    if (response.ok) {
      if (parsed) return body;
      const what = json ? 'invalid JSON' : `a ${contentType ?? 'body without content type'}`;
      throw new AttemptFailure(new LicenseError('malformed-response', `${label} returned HTTP ${response.status} with ${what}, not JSON`, { retryable: false }));
    }

    const problem = parsed && typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = isKnownCode(problem.code)
      ? problem.code
      : (request.statusCodes?.[response.status] ?? STATUS_CODES[response.status] ?? 'unknown');
    const detail = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : '';
    const bodyNote = parsed ? '' : text.trim() === '' ? ' with an empty body' : ` with ${contentType ?? 'a body without content type'} instead of a problem document`;
    const message = `${label} returned HTTP ${response.status}${detail ? `: ${detail}` : ''}${bodyNote}`;
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    const retryable = RETRYABLE_STATUSES.has(response.status) || response.status >= 500;
    const error = new LicenseError(code, message, { retryable, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
    throw new AttemptFailure(error, retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000);
  }

  async #headers(request: Request): Promise<Headers> {
    const { headers: extra, getToken, csrf } = this.#options;
    const headers = new Headers(typeof extra === 'function' ? await extra() : extra);
    headers.set('accept', 'application/json, application/problem+json');
    if (request.body !== undefined) headers.set('content-type', 'application/json');
    const token = getToken ? await getToken() : null;
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (csrf && request.method !== 'GET') headers.set(csrf.header, typeof csrf.token === 'function' ? await csrf.token() : csrf.token);
    return headers;
  }
}

/** Creates an {@link HttpAdapter}. */
export function createHttpAdapter(options: HttpAdapterOptions = {}): HttpAdapter {
  return new HttpAdapter(options);
}
