import '../helpers/setup.ts';
import { expect } from '@open-wc/testing';
import {
  isAbortError,
  isLicenseError,
  LICENSE_ERROR_CODES,
  LicenseError,
  toLicenseError,
  type LicenseErrorCode,
} from '../../src/adapter/errors.ts';
import type { License, LicenseAdapter, OfflineChallenge } from '../../src/adapter/types.ts';
import { validatingAdapter } from '../../src/adapter/validating-adapter.ts';

type Call = keyof LicenseAdapter;

const LICENSE: License = {
  id: 'lic-1',
  product: 'MFA Server',
  key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE',
  seatsUsed: 5,
  seatsTotal: 10,
  issuedAt: '2026-01-31',
  expiresAt: '2027-01-31T23:59:59Z',
  status: 'active',
};

const CHALLENGE: OfflineChallenge = {
  id: 'chl-1',
  challengeKey: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF',
  lifetimeSeconds: 900,
  expiresInSeconds: 840,
  issuedAt: '2026-01-31T10:00:00.000Z',
  product: 'MFA Server',
};

const USER = { username: 'jdoe', displayName: 'Jordan Doe', role: 'Admin', canManageLicenses: true };

/** Valid results of every call, which a test overrides one at a time. */
function validResults(): Record<Call, unknown> {
  return {
    getCurrentUser: USER,
    listLicenses: [LICENSE],
    submitLicenseKey: { kind: 'activated', license: LICENSE },
    activateOffline: { license: LICENSE, previous: { ...LICENSE, expiresAt: '2026-06-30' } },
    getPendingChallenge: CHALLENGE,
    renewChallenge: { ...CHALLENGE, id: 'chl-2' },
    getKeyFormats: { responseKey: { alphabet: '0123456789', groupSizes: [4, 4], separator: '-', groupCheck: 'luhn' } },
  };
}

/** Creates an adapter that resolves each call with `results[call]`, typed loosely so that it can break the contract. */
function fakeAdapter(results: Partial<Record<Call, unknown>>): LicenseAdapter {
  const all = { ...validResults(), ...results };
  const resolve = async (call: Call) => structuredClone(all[call]);
  return {
    getCurrentUser: () => resolve('getCurrentUser'),
    listLicenses: () => resolve('listLicenses'),
    submitLicenseKey: () => resolve('submitLicenseKey'),
    activateOffline: () => resolve('activateOffline'),
    getPendingChallenge: () => resolve('getPendingChallenge'),
    renewChallenge: () => resolve('renewChallenge'),
    getKeyFormats: () => resolve('getKeyFormats'),
  } as LicenseAdapter;
}

/** Creates an adapter whose every call runs `behaviour`, for testing rejections and signals. */
function adapterThat(behaviour: (signal: AbortSignal | undefined) => Promise<unknown>): LicenseAdapter {
  return {
    getCurrentUser: (options) => behaviour(options?.signal),
    listLicenses: (options) => behaviour(options?.signal),
    submitLicenseKey: (_key, options) => behaviour(options?.signal),
    activateOffline: (_id, _response, options) => behaviour(options?.signal),
    getPendingChallenge: (options) => behaviour(options?.signal),
    renewChallenge: (_id, options) => behaviour(options?.signal),
    getKeyFormats: (options) => behaviour(options?.signal),
  } as LicenseAdapter;
}

function invoke(adapter: LicenseAdapter, call: Call, signal?: AbortSignal): Promise<unknown> {
  const options = { signal };
  switch (call) {
    case 'getCurrentUser':
      return adapter.getCurrentUser(options);
    case 'listLicenses':
      return adapter.listLicenses(options);
    case 'submitLicenseKey':
      return adapter.submitLicenseKey('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', options);
    case 'activateOffline':
      return adapter.activateOffline('chl-1', 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF', options);
    case 'getPendingChallenge':
      return adapter.getPendingChallenge(options);
    case 'renewChallenge':
      return adapter.renewChallenge('chl-1', options);
    case 'getKeyFormats':
      return adapter.getKeyFormats!(options);
  }
}

const CALLS: Call[] = [
  'getCurrentUser',
  'listLicenses',
  'submitLicenseKey',
  'activateOffline',
  'getPendingChallenge',
  'renewChallenge',
  'getKeyFormats',
];

/** Awaits `promise` and returns what it rejected with; fails when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    throw new Error(`Expected a rejection, but the call resolved with ${JSON.stringify(value)}`);
  } catch (error) {
    return error;
  }
}

function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

describe('validatingAdapter', () => {
  describe('valid answers', () => {
    for (const call of CALLS) {
      it(`passes a valid ${call} answer through`, async () => {
        const answer = await invoke(validatingAdapter(fakeAdapter({})), call);
        expect(answer).to.deep.equal(validResults()[call]);
      });
    }

    const accepted: Array<{ name: string; license: Partial<License> }> = [
      { name: 'a perpetual expiry', license: { expiresAt: null } },
      { name: 'unlimited seats', license: { seatsTotal: 'unlimited' } },
      { name: 'unknown seat counts', license: { seatsUsed: null, seatsTotal: null } },
      { name: 'zero seats', license: { seatsUsed: 0, seatsTotal: 0 } },
      { name: 'an empty product name', license: { product: '' } },
      { name: 'a suspended license', license: { status: 'suspended' } },
      { name: 'a leap day', license: { issuedAt: '2028-02-29' } },
      { name: 'a timestamp with an offset', license: { issuedAt: '2026-01-31T10:00:00+01:00' } },
      { name: 'a timestamp without seconds', license: { issuedAt: '2026-01-31T10:00' } },
      { name: 'a timestamp with microseconds', license: { expiresAt: '2027-01-31T10:00:00.123456Z' } },
    ];

    for (const { name, license } of accepted) {
      it(`accepts ${name}`, async () => {
        const expected = [{ ...LICENSE, ...license }];
        const answer = await validatingAdapter(fakeAdapter({ listLicenses: expected })).listLicenses();
        expect(answer).to.deep.equal(expected);
      });
    }

    it('accepts a challenge answer to submitLicenseKey', async () => {
      const answer = { kind: 'challenge', challenge: CHALLENGE };
      expect(await validatingAdapter(fakeAdapter({ submitLicenseKey: answer })).submitLicenseKey('KEY')).to.deep.equal(answer);
    });

    it('reads no key formats from an adapter without them', async () => {
      const adapter: LicenseAdapter = { ...fakeAdapter({}), getKeyFormats: undefined };
      expect(await validatingAdapter(adapter).getKeyFormats!()).to.deep.equal({});
    });

    it('accepts no pending challenge', async () => {
      expect(await validatingAdapter(fakeAdapter({ getPendingChallenge: null })).getPendingChallenge()).to.equal(null);
    });

    it('accepts a challenge without a product', async () => {
      const challenge = without(CHALLENGE, 'product');
      expect(await validatingAdapter(fakeAdapter({ getPendingChallenge: challenge })).getPendingChallenge()).to.deep.equal(challenge);
    });
  });

  describe('malformed answers', () => {
    const cases: Array<{ name: string; call: Call; answer: unknown; field: string }> = [
      { name: 'user missing username', call: 'getCurrentUser', answer: without(USER, 'username'), field: 'username' },
      { name: 'permission as a string', call: 'getCurrentUser', answer: { ...USER, canManageLicenses: 'true' }, field: 'canManageLicenses' },
      { name: 'no user', call: 'getCurrentUser', answer: null, field: '(root)' },
      { name: 'list as an object', call: 'listLicenses', answer: { licenses: [LICENSE] }, field: '(root)' },
      { name: 'license missing id', call: 'listLicenses', answer: [without(LICENSE, 'id')], field: '0.id' },
      { name: 'empty license id', call: 'listLicenses', answer: [{ ...LICENSE, id: '' }], field: '0.id' },
      { name: 'numeric license id', call: 'listLicenses', answer: [{ ...LICENSE, id: 7 }], field: '0.id' },
      { name: 'license missing key', call: 'listLicenses', answer: [without(LICENSE, 'key')], field: '0.key' },
      { name: 'product as a number', call: 'listLicenses', answer: [LICENSE, { ...LICENSE, product: 3 }], field: '1.product' },
      { name: 'unknown status', call: 'listLicenses', answer: [{ ...LICENSE, status: 'revoked' }], field: '0.status' },
      { name: 'upper-case status', call: 'listLicenses', answer: [{ ...LICENSE, status: 'Active' }], field: '0.status' },
      { name: 'missing status', call: 'listLicenses', answer: [without(LICENSE, 'status')], field: '0.status' },
      { name: 'issue date as text', call: 'listLicenses', answer: [{ ...LICENSE, issuedAt: 'yesterday' }], field: '0.issuedAt' },
      { name: 'issue date as a number', call: 'listLicenses', answer: [{ ...LICENSE, issuedAt: 1769817600000 }], field: '0.issuedAt' },
      { name: 'missing issue date', call: 'listLicenses', answer: [without(LICENSE, 'issuedAt')], field: '0.issuedAt' },
      { name: 'day-first date', call: 'listLicenses', answer: [{ ...LICENSE, expiresAt: '31/01/2027' }], field: '0.expiresAt' },
      { name: 'month 13', call: 'listLicenses', answer: [{ ...LICENSE, expiresAt: '2027-13-01' }], field: '0.expiresAt' },
      { name: 'February 30', call: 'listLicenses', answer: [{ ...LICENSE, expiresAt: '2027-02-30' }], field: '0.expiresAt' },
      { name: 'February 29 of a common year', call: 'listLicenses', answer: [{ ...LICENSE, issuedAt: '2027-02-29' }], field: '0.issuedAt' },
      { name: 'timestamp on February 30', call: 'listLicenses', answer: [{ ...LICENSE, expiresAt: '2027-02-30T10:00:00Z' }], field: '0.expiresAt' },
      { name: 'hour 25', call: 'listLicenses', answer: [{ ...LICENSE, expiresAt: '2027-01-31T25:00:00Z' }], field: '0.expiresAt' },
      { name: 'a bare number as a date', call: 'listLicenses', answer: [{ ...LICENSE, issuedAt: '1' }], field: '0.issuedAt' },
      { name: 'a month name as a date', call: 'listLicenses', answer: [{ ...LICENSE, issuedAt: 'March 7, 2026' }], field: '0.issuedAt' },
      { name: 'missing expiry', call: 'listLicenses', answer: [without(LICENSE, 'expiresAt')], field: '0.expiresAt' },
      { name: 'unknown result kind', call: 'submitLicenseKey', answer: { kind: 'added', license: LICENSE }, field: 'kind' },
      { name: 'missing result kind', call: 'submitLicenseKey', answer: { license: LICENSE }, field: 'kind' },
      { name: 'challenge kind with a license', call: 'submitLicenseKey', answer: { kind: 'challenge', license: LICENSE }, field: 'challenge' },
      {
        name: 'activated license missing status',
        call: 'submitLicenseKey',
        answer: { kind: 'activated', license: without(LICENSE, 'status') },
        field: 'license.status',
      },
      {
        name: 'previous license with a bad date',
        call: 'submitLicenseKey',
        answer: { kind: 'activated', license: LICENSE, previous: { ...LICENSE, issuedAt: 'soon' } },
        field: 'previous.issuedAt',
      },
      {
        name: 'negative challenge lifetime',
        call: 'submitLicenseKey',
        answer: { kind: 'challenge', challenge: { ...CHALLENGE, lifetimeSeconds: -1 } },
        field: 'challenge.lifetimeSeconds',
      },
      {
        name: 'remaining seconds as a string',
        call: 'submitLicenseKey',
        answer: { kind: 'challenge', challenge: { ...CHALLENGE, expiresInSeconds: '840' } },
        field: 'challenge.expiresInSeconds',
      },
      { name: 'activation missing license', call: 'activateOffline', answer: {}, field: 'license' },
      { name: 'activation license with NaN seats and no id', call: 'activateOffline', answer: { license: { ...LICENSE, seatsUsed: Number.NaN, id: undefined } }, field: 'license.id' },
      { name: 'no pending answer at all', call: 'getPendingChallenge', answer: undefined, field: '(root)' },
      { name: 'challenge missing key', call: 'getPendingChallenge', answer: without(CHALLENGE, 'challengeKey'), field: 'challengeKey' },
      { name: 'challenge with infinite lifetime', call: 'getPendingChallenge', answer: { ...CHALLENGE, lifetimeSeconds: Infinity }, field: 'lifetimeSeconds' },
      { name: 'challenge with a bad issue time', call: 'getPendingChallenge', answer: { ...CHALLENGE, issuedAt: 'now' }, field: 'issuedAt' },
      { name: 'challenge product as a number', call: 'getPendingChallenge', answer: { ...CHALLENGE, product: 1 }, field: 'product' },
      { name: 'renewed challenge as null', call: 'renewChallenge', answer: null, field: '(root)' },
      { name: 'renewed challenge missing id', call: 'renewChallenge', answer: without(CHALLENGE, 'id'), field: 'id' },
      {
        name: 'format with one symbol',
        call: 'getKeyFormats',
        answer: { responseKey: { alphabet: 'A', groupSizes: [4], separator: '-' } },
        field: 'responseKey.alphabet',
      },
      {
        name: 'format with a repeated symbol',
        call: 'getKeyFormats',
        answer: { licenseKey: { alphabet: 'ABCA', groupSizes: [4], separator: '-' } },
        field: 'licenseKey.alphabet',
      },
      {
        name: 'format with no groups',
        call: 'getKeyFormats',
        answer: { licenseKey: { alphabet: 'ABC', groupSizes: [], separator: '-' } },
        field: 'licenseKey.groupSizes',
      },
      {
        name: 'format with a fractional group',
        call: 'getKeyFormats',
        answer: { licenseKey: { alphabet: 'ABC', groupSizes: [4.5], separator: '-' } },
        field: 'licenseKey.groupSizes',
      },
      {
        name: 'format with an unknown check',
        call: 'getKeyFormats',
        answer: { responseKey: { alphabet: 'ABC', groupSizes: [4], separator: '-', groupCheck: 'crc' } },
        field: 'responseKey.groupCheck',
      },
      {
        name: 'format with a numeric look-alike',
        call: 'getKeyFormats',
        answer: { responseKey: { alphabet: 'ABC', groupSizes: [4], separator: '-', lookAlikes: { O: 0 } } },
        field: 'responseKey.lookAlikes',
      },
    ];

    for (const { name, call, answer, field } of cases) {
      it(`${call}: ${name}`, async () => {
        const error = await rejectionOf(invoke(validatingAdapter(fakeAdapter({ [call]: answer })), call));

        expect(error, 'rejection').to.be.instanceOf(LicenseError);
        const { code, message, retryable } = error as LicenseError;
        expect(code, `code of "${message}"`).to.equal('malformed-response');
        expect(message, 'message names the field').to.include(`"${field}"`);
        expect(message, 'message names the call').to.include(call);
        expect(retryable, 'retryable').to.equal(false);
      });
    }
  });

  describe('seat counts', () => {
    const invalid: Array<{ name: string; value: unknown }> = [
      { name: 'negative', value: -1 },
      { name: 'NaN', value: Number.NaN },
      { name: 'infinite', value: Number.POSITIVE_INFINITY },
      { name: 'a numeric string', value: '5' },
      { name: 'an object', value: { used: 5 } },
      { name: 'missing', value: undefined },
    ];

    for (const { name, value } of invalid) {
      it(`turns ${name} seat counts into null`, async () => {
        const license: Record<string, unknown> = { ...LICENSE, seatsUsed: value, seatsTotal: value };
        if (value === undefined) {
          delete license.seatsUsed;
          delete license.seatsTotal;
        }
        const [checked] = await validatingAdapter(fakeAdapter({ listLicenses: [license] })).listLicenses();

        expect(checked?.seatsUsed, 'seatsUsed').to.equal(null);
        expect(checked?.seatsTotal, 'seatsTotal').to.equal(null);
        expect(checked?.id, 'rest of the license kept').to.equal(LICENSE.id);
      });
    }

    it('turns unlimited seats used into null', async () => {
      const [checked] = await validatingAdapter(fakeAdapter({ listLicenses: [{ ...LICENSE, seatsUsed: 'unlimited' }] })).listLicenses();
      expect(checked?.seatsUsed).to.equal(null);
    });

    it('keeps invalid seat counts from failing a submission', async () => {
      const answer = { kind: 'activated', license: { ...LICENSE, seatsTotal: -5 } };
      const result = await validatingAdapter(fakeAdapter({ submitLicenseKey: answer })).submitLicenseKey('KEY');
      expect(result.kind, 'kind').to.equal('activated');
      if (result.kind === 'activated') expect(result.license.seatsTotal, 'seatsTotal').to.equal(null);
    });
  });

  describe('rejections', () => {
    it('passes a LicenseError through unchanged', async () => {
      const original = new LicenseError('forbidden', 'No access');
      const error = await rejectionOf(validatingAdapter(adapterThat(() => Promise.reject(original))).listLicenses());
      expect(error).to.equal(original);
    });

    const converted: Array<{ name: string; rejection: unknown; code: LicenseErrorCode; retryable: boolean }> = [
      { name: 'an Error', rejection: new Error('boom'), code: 'unknown', retryable: true },
      { name: 'a RangeError', rejection: new RangeError('boom'), code: 'unknown', retryable: true },
      { name: 'a string', rejection: 'boom', code: 'unknown', retryable: true },
      { name: 'undefined', rejection: undefined, code: 'unknown', retryable: true },
      { name: 'a TypeError', rejection: new TypeError('Failed to fetch'), code: 'network', retryable: true },
      { name: 'a TimeoutError', rejection: new DOMException('The operation timed out.', 'TimeoutError'), code: 'timeout', retryable: true },
    ];

    for (const { name, rejection, code, retryable } of converted) {
      it(`turns ${name} into ${code}`, async () => {
        for (const call of CALLS) {
          const error = await rejectionOf(invoke(validatingAdapter(adapterThat(() => Promise.reject(rejection))), call));
          expect(error, `${call} rejection`).to.be.instanceOf(LicenseError);
          expect((error as LicenseError).code, `${call} code`).to.equal(code);
          expect((error as LicenseError).retryable, `${call} retryable`).to.equal(retryable);
          expect((error as LicenseError).cause, `${call} cause`).to.equal(rejection);
        }
      });
    }

    it('keeps the original message', async () => {
      const error = await rejectionOf(validatingAdapter(adapterThat(() => Promise.reject(new Error('database down')))).listLicenses());
      expect((error as Error).message).to.include('database down');
    });

    it('turns a synchronous throw into a rejection', async () => {
      const adapter = adapterThat(() => {
        throw new Error('sync');
      });
      const call = validatingAdapter(adapter).listLicenses();
      expect(call, 'returns a promise').to.be.instanceOf(Promise);
      expect(((await rejectionOf(call)) as LicenseError).code).to.equal('unknown');
    });

    const aborts: Array<{ name: string; rejection: Error }> = [
      { name: 'a DOMException', rejection: new DOMException('The operation was aborted.', 'AbortError') },
      { name: 'an Error named AbortError', rejection: Object.assign(new Error('aborted'), { name: 'AbortError' }) },
    ];

    for (const { name, rejection } of aborts) {
      it(`passes ${name} AbortError through unchanged`, async () => {
        const error = await rejectionOf(validatingAdapter(adapterThat(() => Promise.reject(rejection))).listLicenses());
        expect(error).to.equal(rejection);
      });
    }
  });

  describe('abort', () => {
    /** An adapter that ignores its signal and settles after `delayMs` with `settle`. */
    const ignoresSignal = (settle: () => Promise<unknown>, delayMs = 30) =>
      adapterThat(() => new Promise((resolve) => setTimeout(resolve, delayMs)).then(settle));

    it('rejects an answer delivered after abort', async () => {
      for (const call of CALLS) {
        const controller = new AbortController();
        const pending = invoke(validatingAdapter(ignoresSignal(async () => validResults()[call])), call, controller.signal);
        controller.abort();
        const error = await rejectionOf(pending);
        expect(isAbortError(error), `${call} rejects with ${String(error)}`).to.equal(true);
      }
    });

    it('rejects with the signal reason', async () => {
      const controller = new AbortController();
      const reason = new DOMException('Superseded', 'AbortError');
      const pending = validatingAdapter(ignoresSignal(async () => [LICENSE])).listLicenses({ signal: controller.signal });
      controller.abort(reason);
      expect(await rejectionOf(pending)).to.equal(reason);
    });

    it('rejects a malformed answer after abort as aborted', async () => {
      const controller = new AbortController();
      const pending = validatingAdapter(ignoresSignal(async () => 'not a list')).listLicenses({ signal: controller.signal });
      controller.abort();
      expect(isAbortError(await rejectionOf(pending))).to.equal(true);
    });

    it('rejects a failure after abort as aborted', async () => {
      const controller = new AbortController();
      const failure = new LicenseError('network', 'Connection reset');
      const pending = validatingAdapter(ignoresSignal(() => Promise.reject(failure))).listLicenses({ signal: controller.signal });
      controller.abort();
      const error = await rejectionOf(pending);
      expect(isAbortError(error), `rejects with ${String(error)}`).to.equal(true);
    });

    it('passes the signal to the adapter', async () => {
      const controller = new AbortController();
      let received: AbortSignal | undefined;
      const adapter = adapterThat(async (signal) => {
        received = signal;
        return [LICENSE];
      });
      await validatingAdapter(adapter).listLicenses({ signal: controller.signal });
      expect(received).to.equal(controller.signal);
    });
  });
});

describe('LicenseError', () => {
  const retryableCodes: LicenseErrorCode[] = ['rate-limited', 'network', 'timeout', 'unknown'];

  for (const code of LICENSE_ERROR_CODES) {
    const expected = retryableCodes.includes(code);
    it(`${code} is ${expected ? '' : 'not '}retryable by default`, () => {
      expect(new LicenseError(code, 'message').retryable).to.equal(expected);
    });
  }

  it('honours the retryable option', () => {
    expect(new LicenseError('network', 'm', { retryable: false }).retryable, 'network made not retryable').to.equal(false);
    expect(new LicenseError('invalid-key', 'm', { retryable: true }).retryable, 'invalid-key made retryable').to.equal(true);
  });

  it('stores code, message, retry delay and cause', () => {
    const cause = new Error('HTTP 429');
    const error = new LicenseError('rate-limited', 'Too many requests', { retryAfterSeconds: 30, cause });
    expect(error, 'instance of Error').to.be.instanceOf(Error);
    expect(error.name, 'name').to.equal('LicenseError');
    expect(error.code, 'code').to.equal('rate-limited');
    expect(error.message, 'message').to.equal('Too many requests');
    expect(error.retryAfterSeconds, 'retryAfterSeconds').to.equal(30);
    expect(error.cause, 'cause').to.equal(cause);
  });

  it('leaves retry delay and cause unset by default', () => {
    const error = new LicenseError('invalid-key', 'Bad key');
    expect(error.retryAfterSeconds, 'retryAfterSeconds').to.equal(undefined);
    expect('cause' in error, 'cause').to.equal(false);
  });

  it('LICENSE_ERROR_CODES contains the stable codes', () => {
    const stable: LicenseErrorCode[] = [
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
    ];
    for (const code of stable) expect(LICENSE_ERROR_CODES, `contains ${code}`).to.include(code);
    expect(new Set(LICENSE_ERROR_CODES).size, 'no duplicates').to.equal(LICENSE_ERROR_CODES.length);
  });

  it('isLicenseError tells LicenseErrors apart', () => {
    expect(isLicenseError(new LicenseError('unknown', 'm')), 'LicenseError').to.equal(true);
    expect(isLicenseError(Object.assign(new Error('m'), { code: 'unknown' })), 'Error with a code').to.equal(false);
    expect(isLicenseError({ name: 'LicenseError', code: 'unknown' }), 'look-alike object').to.equal(false);
  });

  it('isAbortError recognizes abort rejections', () => {
    expect(isAbortError(new DOMException('m', 'AbortError')), 'DOMException AbortError').to.equal(true);
    expect(isAbortError(Object.assign(new Error('m'), { name: 'AbortError' })), 'Error named AbortError').to.equal(true);
    expect(isAbortError(AbortSignal.abort().reason), 'default abort reason').to.equal(true);
    expect(isAbortError(new DOMException('m', 'TimeoutError')), 'TimeoutError').to.equal(false);
    expect(isAbortError({ name: 'AbortError' }), 'plain object').to.equal(false);
    expect(isAbortError(new LicenseError('timeout', 'm')), 'LicenseError').to.equal(false);
  });

  it('toLicenseError returns a LicenseError unchanged', () => {
    const error = new LicenseError('forbidden', 'm');
    expect(toLicenseError(error)).to.equal(error);
  });
});
