/**
 * A conformance suite for the adapter contract, for any `LicenseAdapter`: the in-memory adapter,
 * the HTTP adapter against a backend, or an integrator's own adapter.
 *
 * It needs no test framework. Either register the checks with the `describe` and `it` of Mocha,
 * Jasmine, Vitest, Jest or `node:test` ({@link defineConformanceTests}), or run them as plain async
 * checks and read the results ({@link runConformanceChecks}). The hooks create a fresh adapter over
 * a fresh backend for each check and supply the keys and response keys that backend accepts.
 */
import { isAbortError, LicenseError, type LicenseErrorCode } from '../adapter/errors.js';
import {
  parseActivationResult,
  parseCurrentUser,
  parseKeyFormats,
  parseLicenses,
  parsePendingChallenge,
  parseRenewedChallenge,
  parseSubmitResult,
} from '../adapter/schema.js';
import type { LicenseAdapter, OfflineChallenge } from '../adapter/types.js';

type MaybePromise<T> = T | Promise<T>;

/** The backend state a check needs. */
export interface ConformanceSetup {
  /** Signed-in user: an `Admin`, the `one_sys_admin` account, a user without license permissions, or nobody. */
  user: 'admin' | 'system' | 'read-only' | 'signed-out';
  /** Whether the installation cannot reach the vendor, so a submitted key returns a challenge. */
  offline: boolean;
}

/** Keys the backend under test accepts or rejects, valid at the time of the run. */
export interface ConformanceKeys {
  /** A valid key for a product the fresh backend has no license for. */
  newProduct: string;
  /** A valid key that renews a license the fresh backend has. */
  renewal: string;
  /** A key with a valid signature or checksum whose expiry has passed. */
  expired: string;
  /** A valid key for a product the installation does not run. */
  otherProduct: string;
  /** A damaged key, such as a valid key with one symbol changed. */
  invalid: string;
}

export interface ConformanceHooks<A extends LicenseAdapter = LicenseAdapter> {
  /** Creates an adapter over a fresh backend (no pending challenge, the backend's initial licenses) in `setup`'s state. */
  createAdapter(setup: ConformanceSetup): MaybePromise<A>;
  /** Returns the keys of {@link ConformanceKeys}. */
  keys(): MaybePromise<ConformanceKeys>;
  /** Returns the response key for `challengeKey`, as the vendor's support computes it. */
  computeResponseKey(challengeKey: string): MaybePromise<string>;
  /** Makes every pending challenge of `adapter`'s backend expire, for example by moving its clock; omit to skip the expiry check. */
  expireChallenges?(adapter: A): MaybePromise<void>;
  /** Releases what {@link createAdapter} set up; called after each check. */
  dispose?(adapter: A): MaybePromise<void>;
}

/** Failure of a check. Its message names what the contract expects and what happened. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

export interface ConformanceCheck {
  /** Short description, used as the test name. */
  name: string;
  /** Whether the check applies to these hooks (checks that need an optional hook skip without it). */
  applies?(hooks: ConformanceHooks): boolean;
  run(context: CheckContext): Promise<void>;
}

/** Input of a check: the hooks and a helper that creates adapters and disposes of them afterwards. */
export interface CheckContext {
  hooks: ConformanceHooks;
  adapter(setup?: Partial<ConformanceSetup>): Promise<LicenseAdapter>;
}

function fail(message: string): never {
  throw new ConformanceFailure(message);
}

function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Awaits `call`, which must reject with a `LicenseError` of one of `codes`. */
async function expectCode(call: Promise<unknown>, codes: LicenseErrorCode | LicenseErrorCode[], what: string): Promise<LicenseError> {
  const expected = Array.isArray(codes) ? codes : [codes];
  let answer: unknown;
  try {
    answer = await call;
  } catch (error) {
    if (!(error instanceof LicenseError)) fail(`${what}: expected a LicenseError with code ${expected.join(' or ')}, got ${String(error)}`);
    if (!expected.includes(error.code)) fail(`${what}: expected code ${expected.join(' or ')}, got ${error.code} (${error.message})`);
    return error;
  }
  return fail(`${what}: expected a rejection with code ${expected.join(' or ')}, got the answer ${JSON.stringify(answer)}`);
}

async function submitForChallenge(adapter: LicenseAdapter, key: string): Promise<OfflineChallenge> {
  const result = parseSubmitResult(await adapter.submitLicenseKey(key));
  if (result.kind !== 'challenge') fail(`submitLicenseKey while offline: expected kind "challenge", got "${result.kind}"`);
  return result.challenge;
}

/** Returns a well-formed but wrong response key: the right one with its first symbol changed. */
function wrongResponseKey(responseKey: string): string {
  const first = responseKey[0] === 'A' ? 'B' : 'A';
  return first + responseKey.slice(1);
}

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  {
    name: 'getCurrentUser returns an administrator',
    async run({ adapter }) {
      const user = parseCurrentUser(await (await adapter()).getCurrentUser());
      expectEqual(user.canManageLicenses, true, 'canManageLicenses of an administrator');
    },
  },
  {
    name: 'getCurrentUser lets one_sys_admin manage licenses',
    async run({ adapter }) {
      const system = await adapter({ user: 'system' });
      const user = parseCurrentUser(await system.getCurrentUser());
      expectEqual(user.username, 'one_sys_admin', 'username of the system account');
      expectEqual(user.canManageLicenses, true, 'canManageLicenses of one_sys_admin');
      parseLicenses(await system.listLicenses());
    },
  },
  {
    name: 'getCurrentUser reports a read-only user',
    async run({ adapter }) {
      const user = parseCurrentUser(await (await adapter({ user: 'read-only' })).getCurrentUser());
      expectEqual(user.canManageLicenses, false, 'canManageLicenses of a read-only user');
    },
  },
  {
    name: 'read-only user is refused with forbidden',
    async run({ adapter, hooks }) {
      const readOnly = await adapter({ user: 'read-only' });
      const keys = await hooks.keys();
      await expectCode(readOnly.listLicenses(), 'forbidden', 'listLicenses as a read-only user');
      await expectCode(readOnly.submitLicenseKey(keys.newProduct), 'forbidden', 'submitLicenseKey as a read-only user');
      await expectCode(readOnly.getPendingChallenge(), 'forbidden', 'getPendingChallenge as a read-only user');
    },
  },
  {
    name: 'signed-out user is refused with not-signed-in',
    async run({ adapter }) {
      const signedOut = await adapter({ user: 'signed-out' });
      await expectCode(signedOut.getCurrentUser(), 'not-signed-in', 'getCurrentUser while signed out');
      await expectCode(signedOut.listLicenses(), 'not-signed-in', 'listLicenses while signed out');
    },
  },
  {
    name: 'listLicenses returns valid licenses',
    async run({ adapter }) {
      parseLicenses(await (await adapter()).listLicenses());
    },
  },
  {
    name: 'submitLicenseKey adds a new product',
    async run({ adapter, hooks }) {
      const online = await adapter();
      const keys = await hooks.keys();
      const before = parseLicenses(await online.listLicenses());
      const result = parseSubmitResult(await online.submitLicenseKey(keys.newProduct));
      if (result.kind !== 'activated') return fail(`submitLicenseKey online: expected kind "activated", got "${result.kind}"`);
      expectEqual(result.previous, undefined, 'previous of a new product');
      const after = parseLicenses(await online.listLicenses());
      expectEqual(after.length, before.length + 1, 'number of licenses after adding one');
      if (!after.some((license) => license.id === result.license.id && license.key === result.license.key)) {
        fail(`listLicenses after adding: license ${result.license.id} is missing`);
      }
    },
  },
  {
    name: 'submitLicenseKey renews a licensed product',
    async run({ adapter, hooks }) {
      const keys = await hooks.keys();
      const online = await adapter();
      const result = parseSubmitResult(await online.submitLicenseKey(keys.renewal));
      if (result.kind !== 'activated') return fail(`submitLicenseKey online: expected kind "activated", got "${result.kind}"`);
      if (result.previous === undefined) return fail('submitLicenseKey of a renewal: expected "previous"');
      expectEqual(result.license.id, result.previous.id, 'id of a renewed license');
    },
  },
  {
    name: 'repeated key is rejected',
    async run({ adapter, hooks }) {
      const online = await adapter();
      const keys = await hooks.keys();
      parseSubmitResult(await online.submitLicenseKey(keys.newProduct));
      await expectCode(online.submitLicenseKey(keys.newProduct), 'key-already-applied', 'submitLicenseKey of an applied key');
    },
  },
  {
    name: 'bad keys are rejected with their codes',
    async run({ adapter, hooks }) {
      const online = await adapter();
      const keys = await hooks.keys();
      await expectCode(online.submitLicenseKey(keys.invalid), 'invalid-key', 'submitLicenseKey of a damaged key');
      await expectCode(online.submitLicenseKey(keys.expired), 'key-expired', 'submitLicenseKey of an expired key');
      await expectCode(online.submitLicenseKey(keys.otherProduct), 'wrong-product', "submitLicenseKey of another product's key");
    },
  },
  {
    name: 'offline submit returns a pending challenge',
    async run(context) {
      const offline = await context.adapter({ offline: true });
      expectEqual(parsePendingChallenge(await offline.getPendingChallenge()), null, 'pending challenge of a fresh backend');
      const challenge = await submitForChallenge(offline, (await context.hooks.keys()).newProduct);
      const pending = parsePendingChallenge(await offline.getPendingChallenge());
      expectEqual(pending?.id, challenge.id, 'id of the pending challenge');
      expectEqual(pending?.challengeKey, challenge.challengeKey, 'key of the pending challenge');
    },
  },
  {
    name: 'offline activation works once',
    async run(context) {
      const offline = await context.adapter({ offline: true });
      const challenge = await submitForChallenge(offline, (await context.hooks.keys()).newProduct);
      const responseKey = await context.hooks.computeResponseKey(challenge.challengeKey);
      const result = parseActivationResult(await offline.activateOffline(challenge.id, responseKey));
      const licenses = parseLicenses(await offline.listLicenses());
      if (!licenses.some((license) => license.key === result.license.key)) fail('listLicenses after offline activation: the license is missing');
      expectEqual(parsePendingChallenge(await offline.getPendingChallenge()), null, 'pending challenge after activation');
      await expectCode(offline.activateOffline(challenge.id, responseKey), ['challenge-expired', 'not-found'], 'a second activation with the same challenge');
    },
  },
  {
    name: 'wrong response key is rejected',
    async run(context) {
      const offline = await context.adapter({ offline: true });
      const challenge = await submitForChallenge(offline, (await context.hooks.keys()).newProduct);
      const right = await context.hooks.computeResponseKey(challenge.challengeKey);
      await expectCode(offline.activateOffline(challenge.id, wrongResponseKey(right)), 'response-mismatch', 'activateOffline with a wrong response key');
      parseActivationResult(await offline.activateOffline(challenge.id, right));
    },
  },
  {
    name: 'renewed challenge replaces the older',
    async run(context) {
      const offline = await context.adapter({ offline: true });
      const first = await submitForChallenge(offline, (await context.hooks.keys()).newProduct);
      const second = parseRenewedChallenge(await offline.renewChallenge(first.id));
      if (second.id === first.id) fail('renewChallenge: expected a new challenge id');
      const oldResponse = await context.hooks.computeResponseKey(first.challengeKey);
      await expectCode(offline.activateOffline(first.id, oldResponse), 'challenge-replaced', 'activateOffline with a replaced challenge');
      await expectCode(offline.renewChallenge(first.id), 'challenge-replaced', 'renewChallenge of a replaced challenge');
      parseActivationResult(await offline.activateOffline(second.id, await context.hooks.computeResponseKey(second.challengeKey)));
    },
  },
  {
    name: 'expired challenge is rejected and renewable',
    applies: (hooks) => hooks.expireChallenges !== undefined,
    async run(context) {
      const offline = await context.adapter({ offline: true });
      const challenge = await submitForChallenge(offline, (await context.hooks.keys()).newProduct);
      await context.hooks.expireChallenges!(offline);
      const expired = parsePendingChallenge(await offline.getPendingChallenge());
      expectEqual(expired?.id, challenge.id, 'pending challenge after expiry');
      expectEqual(expired?.expiresInSeconds, 0, 'time left of the expired pending challenge');
      const responseKey = await context.hooks.computeResponseKey(challenge.challengeKey);
      await expectCode(offline.activateOffline(challenge.id, responseKey), 'challenge-expired', 'activateOffline after expiry');
      const renewed = parseRenewedChallenge(await offline.renewChallenge(challenge.id));
      if (renewed.expiresInSeconds <= 0) fail(`renewChallenge after expiry: expected time left, got ${renewed.expiresInSeconds} s`);
    },
  },
  {
    name: 'renewing an unknown challenge fails',
    async run({ adapter }) {
      await expectCode((await adapter({ offline: true })).renewChallenge('no-such-challenge'), 'not-found', 'renewChallenge of an unknown id');
    },
  },
  {
    name: 'aborted signal rejects with AbortError',
    async run({ adapter, hooks }) {
      const online = await adapter();
      const keys = await hooks.keys();
      const calls: [string, (signal: AbortSignal) => Promise<unknown>][] = [
        ['getCurrentUser', (signal) => online.getCurrentUser({ signal })],
        ['listLicenses', (signal) => online.listLicenses({ signal })],
        ['submitLicenseKey', (signal) => online.submitLicenseKey(keys.newProduct, { signal })],
        ['getPendingChallenge', (signal) => online.getPendingChallenge({ signal })],
      ];
      for (const [name, call] of calls) {
        let outcome: unknown = 'resolved';
        try {
          await call(AbortSignal.abort());
        } catch (error) {
          outcome = error;
        }
        if (!isAbortError(outcome)) fail(`${name} with an aborted signal: expected an AbortError, got ${String(outcome)}`);
      }
      const after = parseLicenses(await online.listLicenses());
      const keysNow = after.map((license) => license.key);
      if (keysNow.includes(keys.newProduct)) fail('submitLicenseKey with an aborted signal still applied the key');
    },
  },
  {
    name: 'getKeyFormats returns valid formats',
    async run({ adapter }) {
      const online = await adapter();
      if (online.getKeyFormats !== undefined) parseKeyFormats(await online.getKeyFormats());
    },
  },
];

const DEFAULT_SETUP: ConformanceSetup = { user: 'admin', offline: false };

/** Runs one check with its own adapters, disposing of each afterwards. */
async function runCheck(check: ConformanceCheck, hooks: ConformanceHooks): Promise<void> {
  const created: LicenseAdapter[] = [];
  const context: CheckContext = {
    hooks,
    adapter: async (setup = {}) => {
      const adapter = await hooks.createAdapter({ ...DEFAULT_SETUP, ...setup });
      created.push(adapter);
      return adapter;
    },
  };
  try {
    await check.run(context);
  } finally {
    for (const adapter of created) await hooks.dispose?.(adapter);
  }
}

/** The `describe` and `it` of a test framework; `it` must await the promise its callback returns. */
export interface TestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

/** Registers every applicable check as a test, inside `describe(title)`. */
export function defineConformanceTests(hooks: ConformanceHooks, { describe, it }: TestApi, title = 'LicenseAdapter conformance'): void {
  describe(title, () => {
    for (const check of CONFORMANCE_CHECKS) {
      if (check.applies?.(hooks) === false) continue;
      it(check.name, () => runCheck(check, hooks));
    }
  });
}

export interface ConformanceResult {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** The failure, for a failed check. */
  error?: unknown;
}

/** Runs every check one after another and resolves with each result; never rejects because a check failed. */
export async function runConformanceChecks(hooks: ConformanceHooks): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = [];
  for (const check of CONFORMANCE_CHECKS) {
    if (check.applies?.(hooks) === false) {
      results.push({ name: check.name, outcome: 'skipped' });
      continue;
    }
    try {
      await runCheck(check, hooks);
      results.push({ name: check.name, outcome: 'passed' });
    } catch (error) {
      results.push({ name: check.name, outcome: 'failed', error });
    }
  }
  return results;
}
