/** Stable error codes every adapter reports. Hosts may switch on them; the set only grows. */
export const LICENSE_ERROR_CODES = [
  'invalid-key',
  'key-expired',
  'wrong-product',
  'key-already-applied',
  'forbidden',
  'not-signed-in',
  'not-found',
  'challenge-expired',
  'challenge-replaced',
  'response-mismatch',
  'rate-limited',
  'network',
  'timeout',
  'malformed-response',
  'unknown',
] as const;

export type LicenseErrorCode = (typeof LICENSE_ERROR_CODES)[number];

/** Codes for which trying the same call again may succeed. */
const RETRYABLE_CODES: ReadonlySet<LicenseErrorCode> = new Set(['rate-limited', 'network', 'timeout', 'unknown']);

export interface LicenseErrorOptions {
  /** Overrides the default for the code. */
  retryable?: boolean;
  /** Seconds to wait before retrying, for `rate-limited`. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The one error type adapters reject with. `message` is for developers and logs; the elements
 * show their own localized text chosen by `code`.
 */
export class LicenseError extends Error {
  override readonly name = 'LicenseError';
  readonly code: LicenseErrorCode;
  /** Whether trying the same call again may help. */
  readonly retryable: boolean;
  /** Seconds to wait before retrying, when the backend sent a value. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: LicenseErrorCode, message: string, options: LicenseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_CODES.has(code);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isLicenseError(value: unknown): value is LicenseError {
  return value instanceof LicenseError;
}

/** Whether `error` is the rejection of an aborted call rather than a failure. */
export function isAbortError(error: unknown): boolean {
  return (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';
}

/**
 * Converts anything an adapter rejected with into a {@link LicenseError}: a `TypeError` (what
 * `fetch` rejects with when the network fails) becomes `network`, a `TimeoutError` (what
 * `AbortSignal.timeout()` aborts with) becomes `timeout`, and anything else `unknown`.
 */
export function toLicenseError(error: unknown): LicenseError {
  if (error instanceof LicenseError) return error;
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new LicenseError('timeout', `The adapter call timed out: ${error.message}`, { cause: error });
  }
  if (error instanceof TypeError) {
    return new LicenseError('network', `The adapter call failed: ${error.message}`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new LicenseError('unknown', `The adapter call failed with a non-LicenseError: ${detail}`, { cause: error });
}
