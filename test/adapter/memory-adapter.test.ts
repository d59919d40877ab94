import '../helpers/setup.ts';
import { expect } from '@open-wc/testing';
import {
  computeResponseKey,
  createSampleKeys,
  DEMO_READ_ONLY_USER,
  DEMO_SYSTEM_ADMIN,
  MemoryAdapter,
  type SampleKeys,
} from '../../src/adapter/memory/index.ts';
import { LicenseError, type LicenseErrorCode } from '../../src/adapter/errors.ts';
import type { License, OfflineChallenge } from '../../src/adapter/types.ts';

const DAY_MS = 86_400_000;
const OFFLINE_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/;

/** Awaits `promise` and returns what it rejected with; fails when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    throw new Error(`Expected a rejection, but the call resolved with ${JSON.stringify(value)}`);
  } catch (error) {
    return error;
  }
}

/** Awaits `promise` and checks that it rejected with a {@link LicenseError} of `code`. */
async function expectLicenseError(promise: Promise<unknown>, code: LicenseErrorCode): Promise<LicenseError> {
  const error = await rejectionOf(promise);
  expect(error, `rejection ${String(error)}`).to.be.instanceOf(LicenseError);
  expect((error as LicenseError).code, `code of "${(error as LicenseError).message}"`).to.equal(code);
  return error as LicenseError;
}

function countChanges(adapter: MemoryAdapter): { readonly count: number } {
  const counter = { count: 0 };
  adapter.addEventListener('change', () => counter.count++);
  return counter;
}

function keysFor(adapter: MemoryAdapter): SampleKeys {
  return createSampleKeys(adapter.now());
}

function todayOf(adapter: MemoryAdapter): string {
  return new Date(adapter.now()).toISOString().slice(0, 10);
}

function dayAfter(adapter: MemoryAdapter, days: number): string {
  return new Date(adapter.now() + days * DAY_MS).toISOString().slice(0, 10);
}

async function submitOffline(adapter: MemoryAdapter, key: string): Promise<OfflineChallenge> {
  const result = await adapter.submitLicenseKey(key);
  if (result.kind !== 'challenge') throw new Error(`Expected a challenge, got ${JSON.stringify(result)}`);
  return result.challenge;
}

function responseTo(challenge: OfflineChallenge): string {
  const key = computeResponseKey(challenge.challengeKey);
  if (key === null) throw new Error(`The challenge key ${challenge.challengeKey} is malformed`);
  return key;
}

describe('MemoryAdapter', () => {
  describe('getCurrentUser', () => {
    it('returns the default administrator', async () => {
      const user = await new MemoryAdapter().getCurrentUser();
      expect(user.role, 'role').to.equal('Admin');
      expect(user.username, 'username').to.equal('jdoe');
      expect(user.canManageLicenses, 'canManageLicenses').to.equal(true);
    });

    it('lets one_sys_admin manage licenses with role System', async () => {
      const user = await new MemoryAdapter({ user: DEMO_SYSTEM_ADMIN }).getCurrentUser();
      expect(user.username, 'username').to.equal('one_sys_admin');
      expect(user.role, 'role').to.equal('System');
      expect(user.canManageLicenses, 'canManageLicenses').to.equal(true);
    });

    it('reports a read-only user', async () => {
      const user = await new MemoryAdapter({ user: DEMO_READ_ONLY_USER }).getCurrentUser();
      expect(user.role, 'role').to.equal('Read-only');
      expect(user.canManageLicenses, 'canManageLicenses').to.equal(false);
    });

    it('rejects not-signed-in without a user', async () => {
      const adapter = new MemoryAdapter({ user: null });
      await expectLicenseError(adapter.getCurrentUser(), 'not-signed-in');
      await expectLicenseError(adapter.listLicenses(), 'not-signed-in');
      await expectLicenseError(adapter.submitLicenseKey(keysFor(adapter).newProduct), 'not-signed-in');
    });

    it('follows a changed user', async () => {
      const adapter = new MemoryAdapter();
      adapter.user = DEMO_READ_ONLY_USER;
      expect((await adapter.getCurrentUser()).canManageLicenses).to.equal(false);
    });
  });

  describe('listLicenses', () => {
    it('returns the demo data set', async () => {
      const adapter = new MemoryAdapter();
      const licenses = await adapter.listLicenses();
      const today = todayOf(adapter);
      const in30Days = dayAfter(adapter, 30);

      const expiringSoon = licenses.filter(
        (license) => license.status === 'active' && license.expiresAt !== null && license.expiresAt >= today && license.expiresAt <= in30Days,
      );
      const expired = licenses.filter((license) => license.status === 'expired');
      const overAllocated = licenses.filter(
        (license) => typeof license.seatsTotal === 'number' && license.seatsUsed !== null && license.seatsUsed > license.seatsTotal,
      );
      const unlimited = licenses.filter((license) => license.seatsTotal === 'unlimited');

      expect(licenses.length, 'licenses').to.equal(5);
      expect(new Set(licenses.map((license) => license.id)).size, 'distinct ids').to.equal(5);
      expect(expiringSoon.map((license) => license.product), 'expiring within 30 days').to.deep.equal(['Mobile Token']);
      expect(expired.map((license) => license.product), 'expired').to.deep.equal(['Hardware Token']);
      expect(expired[0]?.expiresAt ?? '', 'expired license has a past expiry').to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect((expired[0]?.expiresAt ?? '') < today, `expiry ${expired[0]?.expiresAt} before ${today}`).to.equal(true);
      expect(overAllocated.map((license) => license.product), 'over-allocated').to.deep.equal(['SMS Passcode']);
      expect(unlimited.map((license) => license.product), 'unlimited').to.deep.equal(['Self-Service Portal']);
    });

    it('rejects forbidden for a read-only user', async () => {
      const adapter = new MemoryAdapter({ user: DEMO_READ_ONLY_USER });
      await expectLicenseError(adapter.listLicenses(), 'forbidden');
    });

    it('lists one_sys_admin the licenses', async () => {
      const licenses = await new MemoryAdapter({ user: DEMO_SYSTEM_ADMIN }).listLicenses();
      expect(licenses.length).to.equal(5);
    });

    it('marks licenses expired when the server clock passes their expiry', async () => {
      const adapter = new MemoryAdapter();
      adapter.configure({ clockOffsetMs: 100 * DAY_MS });
      const licenses = await adapter.listLicenses();
      const statuses = Object.fromEntries(licenses.map((license) => [license.product, license.status]));
      expect(statuses['Mobile Token'], 'expired 12 days from now').to.equal('expired');
      expect(statuses['SMS Passcode'], 'expired 90 days from now').to.equal('expired');
      expect(statuses['MFA Server'], 'expires 200 days from now').to.equal('active');
    });

    it('starts with the licenses given', async () => {
      const license: License = {
        id: 'lic-1',
        product: 'MFA Server',
        key: 'KEY',
        seatsUsed: 1,
        seatsTotal: 2,
        issuedAt: '2026-01-01',
        expiresAt: null,
        status: 'active',
      };
      const adapter = new MemoryAdapter({ licenses: [license] });
      license.product = 'Changed after construction';
      expect(await adapter.listLicenses()).to.deep.equal([{ ...license, product: 'MFA Server' }]);
    });
  });

  describe('submitLicenseKey', () => {
    it('adds a license for a new product', async () => {
      const adapter = new MemoryAdapter();
      const { newProduct } = keysFor(adapter);
      const result = await adapter.submitLicenseKey(newProduct);

      expect(result.kind, 'kind').to.equal('activated');
      if (result.kind !== 'activated') return;
      expect('previous' in result, 'no previous license').to.equal(false);
      expect(result.license.product, 'product').to.equal('Password Reset');
      expect(result.license.key, 'key').to.equal(newProduct);
      expect(result.license.seatsTotal, 'seats bought').to.equal(1000);
      expect(result.license.status, 'status').to.equal('active');

      const licenses = await adapter.listLicenses();
      expect(licenses.length, 'licenses after adding').to.equal(6);
      expect(licenses.find((license) => license.id === result.license.id), 'stored license').to.deep.equal(result.license);
    });

    it('renews the Mobile Token license', async () => {
      const adapter = new MemoryAdapter();
      const before = (await adapter.listLicenses()).find((license) => license.product === 'Mobile Token')!;
      const result = await adapter.submitLicenseKey(keysFor(adapter).renewal);

      expect(result.kind, 'kind').to.equal('activated');
      if (result.kind !== 'activated') return;
      expect(result.license.id, 'same id').to.equal(before.id);
      expect(result.license.expiresAt! > before.expiresAt!, `${result.license.expiresAt} later than ${before.expiresAt}`).to.equal(true);
      expect(result.license.seatsTotal, 'seats bought').to.equal(150);
      expect(result.license.seatsUsed, 'seats used carry over').to.equal(before.seatsUsed);
      expect(result.previous, 'previous license').to.deep.equal(before);

      const licenses = await adapter.listLicenses();
      expect(licenses.length, 'no license added').to.equal(5);
      expect(licenses.find((license) => license.id === before.id), 'stored license').to.deep.equal(result.license);
    });

    it('stores the canonical key', async () => {
      const adapter = new MemoryAdapter();
      const key = keysFor(adapter).newProduct;
      const result = await adapter.submitLicenseKey(` ${key.toLowerCase().replaceAll('-', ' ')} `);
      expect(result.kind, 'kind').to.equal('activated');
      if (result.kind === 'activated') expect(result.license.key, 'stored key').to.equal(key);
    });

    const rejections: Array<{ name: keyof SampleKeys; code: LicenseErrorCode }> = [
      { name: 'expired', code: 'key-expired' },
      { name: 'otherProduct', code: 'wrong-product' },
      { name: 'mistyped', code: 'invalid-key' },
    ];

    for (const { name, code } of rejections) {
      it(`rejects the ${name} key with ${code}`, async () => {
        const adapter = new MemoryAdapter();
        const before = adapter.licenses;
        await expectLicenseError(adapter.submitLicenseKey(keysFor(adapter)[name]), code);
        expect(adapter.licenses, 'licenses unchanged').to.deep.equal(before);
      });
    }

    it('rejects an empty key as invalid', async () => {
      const adapter = new MemoryAdapter();
      await expectLicenseError(adapter.submitLicenseKey(''), 'invalid-key');
    });

    it('rejects the same key twice', async () => {
      const adapter = new MemoryAdapter();
      const { newProduct, renewal } = keysFor(adapter);
      await adapter.submitLicenseKey(newProduct);
      await adapter.submitLicenseKey(renewal);

      await expectLicenseError(adapter.submitLicenseKey(newProduct), 'key-already-applied');
      await expectLicenseError(adapter.submitLicenseKey(renewal), 'key-already-applied');
      await expectLicenseError(adapter.submitLicenseKey(newProduct.toLowerCase()), 'key-already-applied');
      expect((await adapter.listLicenses()).length, 'licenses').to.equal(6);
    });

    it('rejects forbidden for a read-only user', async () => {
      const adapter = new MemoryAdapter({ user: DEMO_READ_ONLY_USER });
      await expectLicenseError(adapter.submitLicenseKey(keysFor(adapter).newProduct), 'forbidden');
      expect(adapter.licenses.length, 'licenses').to.equal(5);
    });
  });

  describe('offline activation', () => {
    it('returns a challenge instead of activating', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const before = adapter.licenses;
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);

      expect(challenge.lifetimeSeconds, 'lifetimeSeconds').to.equal(900);
      expect(challenge.expiresInSeconds, 'expiresInSeconds').to.equal(900);
      expect(challenge.challengeKey, 'challenge key').to.match(OFFLINE_KEY_PATTERN);
      expect(challenge.product, 'product').to.equal('Password Reset');
      expect(Math.abs(Date.parse(challenge.issuedAt) - adapter.now()), 'issuedAt is the server time').to.be.below(5000);
      expect(adapter.licenses, 'licenses unchanged').to.deep.equal(before);
      expect(await adapter.getPendingChallenge(), 'pending challenge').to.deep.equal(challenge);
    });

    it('still rejects invalid keys before issuing a challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      await expectLicenseError(adapter.submitLicenseKey(keysFor(adapter).mistyped), 'invalid-key');
      expect(await adapter.getPendingChallenge(), 'pending challenge').to.equal(null);
    });

    it('applies the key for the right response', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const { newProduct } = keysFor(adapter);
      const challenge = await submitOffline(adapter, newProduct);
      const result = await adapter.activateOffline(challenge.id, responseTo(challenge));

      expect(result.license.product, 'product').to.equal('Password Reset');
      expect(result.license.key, 'key').to.equal(newProduct);
      expect(result.previous, 'previous').to.equal(undefined);
      expect(adapter.licenses.length, 'licenses').to.equal(6);
      expect(await adapter.getPendingChallenge(), 'pending challenge').to.equal(null);
      expect(adapter.pendingChallenge, 'pendingChallenge getter').to.equal(null);
    });

    it('renews through a challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).renewal);
      const result = await adapter.activateOffline(challenge.id, responseTo(challenge));
      expect(result.license.id, 'id').to.equal('lic-mobile-token');
      expect(result.previous?.id, 'previous id').to.equal('lic-mobile-token');
    });

    it('accepts the response as read aloud', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      const spoken = responseTo(challenge).toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
      const result = await adapter.activateOffline(challenge.id, spoken);
      expect(result.license.product).to.equal('Password Reset');
    });

    it('rejects a wrong response and keeps the challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      const response = responseTo(challenge);
      const wrong = (response[0] === 'A' ? 'B' : 'A') + response.slice(1);

      await expectLicenseError(adapter.activateOffline(challenge.id, wrong), 'response-mismatch');
      await expectLicenseError(adapter.activateOffline(challenge.id, challenge.challengeKey), 'response-mismatch');
      expect(adapter.licenses.length, 'licenses').to.equal(5);
      expect((await adapter.getPendingChallenge())?.id, 'still pending').to.equal(challenge.id);

      const result = await adapter.activateOffline(challenge.id, response);
      expect(result.license.product, 'right response after a wrong one').to.equal('Password Reset');
    });

    it('replaces the challenge on a second submission', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const { newProduct, renewal } = keysFor(adapter);
      const first = await submitOffline(adapter, newProduct);
      const second = await submitOffline(adapter, renewal);

      expect(second.id, 'new id').not.to.equal(first.id);
      expect(second.challengeKey, 'new challenge key').not.to.equal(first.challengeKey);
      expect((await adapter.getPendingChallenge())?.id, 'pending id').to.equal(second.id);
      await expectLicenseError(adapter.activateOffline(first.id, responseTo(first)), 'challenge-replaced');

      const result = await adapter.activateOffline(second.id, responseTo(second));
      expect(result.license.product, 'second challenge still works').to.equal('Mobile Token');
    });

    it('rejects a challenge whose key was applied meanwhile', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const { newProduct } = keysFor(adapter);
      const challenge = await submitOffline(adapter, newProduct);
      adapter.configure({ offline: false });
      await adapter.submitLicenseKey(newProduct);
      const before = adapter.licenses;

      await expectLicenseError(adapter.activateOffline(challenge.id, responseTo(challenge)), 'key-already-applied');
      expect(adapter.licenses, 'licenses unchanged').to.deep.equal(before);
      expect(await adapter.getPendingChallenge(), 'pending challenge').to.equal(null);
    });

    it('rejects an unknown challenge id', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      await submitOffline(adapter, keysFor(adapter).newProduct);
      await expectLicenseError(adapter.activateOffline('chl-unknown', 'AAAAA'), 'challenge-expired');
    });

    it('rejects a used challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      await adapter.activateOffline(challenge.id, responseTo(challenge));
      await expectLicenseError(adapter.activateOffline(challenge.id, responseTo(challenge)), 'challenge-expired');
      expect(adapter.licenses.length, 'applied once').to.equal(6);
    });

    it('expires a challenge when the server clock passes its lifetime', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      adapter.configure({ clockOffsetMs: 900_000 });

      const expired = await adapter.getPendingChallenge();
      expect(expired?.id, 'the expired challenge stays readable').to.equal(challenge.id);
      expect(expired?.expiresInSeconds, 'time left of the expired challenge').to.equal(0);
      await expectLicenseError(adapter.activateOffline(challenge.id, responseTo(challenge)), 'challenge-expired');
      expect(adapter.licenses.length, 'licenses').to.equal(5);
      expect((await adapter.getPendingChallenge())?.expiresInSeconds, 'time left after the attempt').to.equal(0);
    });

    it('expires a challenge with a lifetime of 0', async () => {
      const adapter = new MemoryAdapter({ offline: true, challengeLifetimeSeconds: 0 });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);

      expect(challenge.lifetimeSeconds, 'lifetimeSeconds').to.equal(0);
      expect(challenge.expiresInSeconds, 'expiresInSeconds').to.equal(0);
      expect((await adapter.getPendingChallenge())?.expiresInSeconds, 'time left of the pending challenge').to.equal(0);
      await expectLicenseError(adapter.activateOffline(challenge.id, responseTo(challenge)), 'challenge-expired');
    });

    it('returns the remaining seconds of the pending challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);

      adapter.configure({ clockOffsetMs: 100_000 });
      const pending = await adapter.getPendingChallenge();
      expect(pending?.id, 'id').to.equal(challenge.id);
      expect(pending?.lifetimeSeconds, 'lifetimeSeconds').to.equal(900);
      expect(pending?.expiresInSeconds, 'expiresInSeconds after 100 s').to.equal(800);

      adapter.configure({ clockOffsetMs: 899_000 });
      expect((await adapter.getPendingChallenge())?.expiresInSeconds, 'expiresInSeconds after 899 s').to.equal(1);
    });

    it('renews an expired challenge for the same key', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const { newProduct } = keysFor(adapter);
      const expired = await submitOffline(adapter, newProduct);
      adapter.configure({ clockOffsetMs: 900_000 });

      const renewed = await adapter.renewChallenge(expired.id);
      expect(renewed.id, 'new id').to.not.equal(expired.id);
      expect(renewed.challengeKey, 'new key').to.not.equal(expired.challengeKey);
      expect(renewed.expiresInSeconds, 'full lifetime').to.equal(900);
      expect((await adapter.getPendingChallenge())?.id, 'pending challenge').to.equal(renewed.id);

      const result = await adapter.activateOffline(renewed.id, responseTo(renewed));
      expect(result.license.key, 'the renewed challenge applies the original key').to.equal(newProduct);
    });

    it('invalidates the challenge it renews', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const first = await submitOffline(adapter, keysFor(adapter).newProduct);
      await adapter.renewChallenge(first.id);

      await expectLicenseError(adapter.activateOffline(first.id, responseTo(first)), 'challenge-replaced');
      await expectLicenseError(adapter.renewChallenge(first.id), 'challenge-replaced');
    });

    it('rejects renewing an unknown challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      await expectLicenseError(adapter.renewChallenge('chl-unknown'), 'not-found');
    });

    it('publishes the demo key formats', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const formats = await adapter.getKeyFormats();
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      const response = responseTo(challenge);

      expect(formats.responseKey?.groupSizes, 'response groups').to.deep.equal([5, 5, 5, 5, 5, 5]);
      expect(formats.responseKey?.groupCheck, 'response group check').to.equal('luhn');
      expect(response.split('-').map((group) => group.length), 'response matches the format').to.deep.equal(formats.responseKey?.groupSizes);
      expect(formats.licenseKey?.groupSizes, 'license key groups').to.deep.equal([5, 5, 5, 5, 5]);
      expect(keysFor(adapter).newProduct.split('-').every((group) => [...group].every((symbol) => formats.licenseKey!.alphabet.includes(symbol))), 'sample key uses the alphabet').to.equal(true);
    });

    it('returns null without a pending challenge', async () => {
      expect(await new MemoryAdapter().getPendingChallenge()).to.equal(null);
    });

    it('rejects forbidden pending challenge reads for a read-only user', async () => {
      const adapter = new MemoryAdapter({ user: DEMO_READ_ONLY_USER });
      await expectLicenseError(adapter.getPendingChallenge(), 'forbidden');
      await expectLicenseError(adapter.activateOffline('chl-1', 'AAAAA'), 'forbidden');
    });
  });

  describe('latency and abort', () => {
    it('delays answers by latencyMs', async () => {
      const adapter = new MemoryAdapter({ latencyMs: 60 });
      const start = performance.now();
      await adapter.getCurrentUser();
      expect(performance.now() - start).to.be.at.least(55);
    });

    it('rejects an AbortError when aborted mid-call', async () => {
      const adapter = new MemoryAdapter({ latencyMs: 200 });
      const changes = countChanges(adapter);
      const before = adapter.licenses;
      const controller = new AbortController();

      const call = adapter.submitLicenseKey(keysFor(adapter).newProduct, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      const error = await rejectionOf(call);

      expect(error, 'rejection').to.be.instanceOf(DOMException);
      expect((error as DOMException).name, 'name').to.equal('AbortError');
      expect(adapter.licenses, 'licenses unchanged').to.deep.equal(before);
      expect(changes.count, 'change events').to.equal(0);

      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(adapter.licenses, 'licenses unchanged after the latency').to.deep.equal(before);
    });

    it('rejects with the signal reason', async () => {
      const adapter = new MemoryAdapter({ latencyMs: 200 });
      const controller = new AbortController();
      const reason = new Error('superseded');
      const call = adapter.listLicenses({ signal: controller.signal });
      controller.abort(reason);
      expect(await rejectionOf(call)).to.equal(reason);
    });

    it('rejects at once when already aborted', async () => {
      const adapter = new MemoryAdapter();
      const error = await rejectionOf(adapter.submitLicenseKey(keysFor(adapter).newProduct, { signal: AbortSignal.abort() }));
      expect((error as DOMException).name, 'name').to.equal('AbortError');
      expect(adapter.licenses.length, 'licenses').to.equal(5);
    });

    it('leaves an injected failure queued after an abort', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('network');
      await rejectionOf(adapter.listLicenses({ signal: AbortSignal.abort() }));
      await expectLicenseError(adapter.listLicenses(), 'network');
    });
  });

  describe('failNext', () => {
    it('fails exactly the next call', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('network');

      const error = await expectLicenseError(adapter.getCurrentUser(), 'network');
      expect(error.retryable, 'retryable').to.equal(true);
      expect((await adapter.getCurrentUser()).username, 'the call after').to.equal('jdoe');
      expect((await adapter.listLicenses()).length, 'another method after').to.equal(5);
    });

    it('fails a submission without applying it', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('timeout');
      await expectLicenseError(adapter.submitLicenseKey(keysFor(adapter).newProduct), 'timeout');
      expect(adapter.licenses.length, 'licenses').to.equal(5);
    });

    it('fails only the named method', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('rate-limited', 'listLicenses');

      expect((await adapter.getCurrentUser()).username, 'getCurrentUser').to.equal('jdoe');
      expect(await adapter.getPendingChallenge(), 'getPendingChallenge').to.equal(null);
      await expectLicenseError(adapter.listLicenses(), 'rate-limited');
      expect((await adapter.listLicenses()).length, 'listLicenses after').to.equal(5);
    });

    it('queues failures in order', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('network');
      adapter.failNext('timeout');
      await expectLicenseError(adapter.listLicenses(), 'network');
      await expectLicenseError(adapter.listLicenses(), 'timeout');
      expect((await adapter.listLicenses()).length, 'third call').to.equal(5);
    });

    it('rejects with a given LicenseError', async () => {
      const adapter = new MemoryAdapter();
      const injected = new LicenseError('rate-limited', 'Slow down', { retryAfterSeconds: 30 });
      adapter.failNext(injected);
      expect(await rejectionOf(adapter.listLicenses())).to.equal(injected);
    });

    it('clearFailures removes queued failures', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('network');
      adapter.failNext('forbidden', 'listLicenses');
      adapter.clearFailures();
      expect((await adapter.listLicenses()).length).to.equal(5);
    });
  });

  describe('change event', () => {
    it('fires when a key is applied', async () => {
      const adapter = new MemoryAdapter();
      const changes = countChanges(adapter);
      await adapter.submitLicenseKey(keysFor(adapter).newProduct);
      expect(changes.count).to.equal(1);
    });

    it('fires when a challenge is issued and answered', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const changes = countChanges(adapter);
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      expect(changes.count, 'after the challenge').to.equal(1);

      await adapter.activateOffline(challenge.id, responseTo(challenge));
      expect(changes.count, 'after activation').to.be.at.least(2);
    });

    it('fires on settings and user changes', () => {
      const adapter = new MemoryAdapter();
      const changes = countChanges(adapter);
      adapter.configure({ offline: true });
      expect(changes.count, 'after configure').to.equal(1);
      expect(adapter.offline, 'offline').to.equal(true);

      adapter.user = DEMO_READ_ONLY_USER;
      expect(changes.count, 'after the user changed').to.equal(2);
    });

    it('fires when the licenses are replaced', async () => {
      const adapter = new MemoryAdapter();
      const changes = countChanges(adapter);
      const replacement: License[] = [{ ...adapter.licenses[0]!, id: 'lic-only', product: 'Only Product' }];

      adapter.replaceLicenses(replacement);
      replacement[0]!.product = 'Changed by the caller';

      expect(changes.count).to.equal(1);
      expect((await adapter.listLicenses()).map((license) => license.product)).to.deep.equal(['Only Product']);
    });

    it('does not fire on reads and failures', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await submitOffline(adapter, keysFor(adapter).newProduct);
      const changes = countChanges(adapter);

      await adapter.getCurrentUser();
      await adapter.listLicenses();
      await adapter.getPendingChallenge();
      await expectLicenseError(adapter.submitLicenseKey(keysFor(adapter).mistyped), 'invalid-key');
      await expectLicenseError(adapter.activateOffline(challenge.id, 'AAAAA'), 'response-mismatch');
      expect(changes.count).to.equal(0);
    });
  });

  describe('copies', () => {
    it('licenses getter returns copies', () => {
      const adapter = new MemoryAdapter();
      const copy = adapter.licenses;
      copy[0]!.product = 'Changed';
      copy.pop();

      const fresh = adapter.licenses;
      expect(fresh.length, 'length').to.equal(5);
      expect(fresh[0]!.product, 'product').to.equal('MFA Server');
      expect(fresh, 'new array each time').not.to.equal(adapter.licenses);
    });

    it('listLicenses returns copies', async () => {
      const adapter = new MemoryAdapter();
      const listed = await adapter.listLicenses();
      listed[0]!.seatsUsed = -1;
      expect((await adapter.listLicenses())[0]!.seatsUsed).to.equal(212);
    });

    it('activation results are copies', async () => {
      const adapter = new MemoryAdapter();
      const result = await adapter.submitLicenseKey(keysFor(adapter).renewal);
      if (result.kind !== 'activated') throw new Error('expected an activation');
      result.license.seatsTotal = 1;
      result.previous!.seatsTotal = 2;
      const stored = adapter.licenses.find((license) => license.id === 'lic-mobile-token');
      expect(stored?.seatsTotal).to.equal(150);
    });
  });
});
