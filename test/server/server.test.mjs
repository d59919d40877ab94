/**
 * The reference server over HTTP: roles, signed keys, offline challenges, limits and persistence.
 * Every request and response goes through the openapi.yaml validator, except the requests a test
 * sends to break the contract on purpose.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { computeResponseKey } from '../../src/adapter/memory/offline-codes.ts';
import { issueLicenseKey, verifyLicenseKey } from '../../server/vendor/signed-keys.js';
import { contractFetch, loadContract, validateDocument } from './contract.mjs';
import { call, startTestServer } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof loadContract>>} */
let contract;
/** @type {string[]} */
let violations;
/** @type {typeof fetch} */
let checked;
/** @type {typeof fetch} */
let unchecked;

before(async () => {
  await validateDocument();
  contract = await loadContract();
});

beforeEach(() => {
  violations = [];
  checked = contractFetch(contract, violations);
  unchecked = contractFetch(contract, violations, { checkRequests: false });
});

afterEach(() => {
  assert.deepEqual(violations, [], 'every request and answer matches openapi.yaml');
});

describe('signed license keys', () => {
  it('round-trips the fields', () => {
    const key = issueLicenseKey({ product: 'MFA Server', seats: 10, issuedOn: '2026-01-01', expiresOn: '2027-01-31', serial: 'ABC123' });
    const result = verifyLicenseKey(`  ${key.slice(0, 40)}\n${key.slice(40)}  `);
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && result.fields, { product: 'MFA Server', seats: 10, issuedOn: '2026-01-01', expiresOn: '2027-01-31', serial: 'ABC123' });
  });

  it('rejects a key signed by another key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = issueLicenseKey({ product: 'MFA Server', seats: 10, issuedOn: '2026-01-01', expiresOn: null }, privateKey);
    const result = verifyLicenseKey(forged);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problem : '', /signature/);
  });

  it('rejects a changed payload', () => {
    const key = issueLicenseKey({ product: 'MFA Server', seats: 10, issuedOn: '2026-01-01', expiresOn: null });
    const [header, , signature] = key.split('.');
    const payload = Buffer.from(JSON.stringify({ iss: 'license-elements demo vendor', product: 'MFA Server', seats: 'unlimited', issuedOn: '2026-01-01', expiresOn: null, serial: 'X' })).toString('base64url');
    assert.equal(verifyLicenseKey(`${header}.${payload}.${signature}`).ok, false);
  });

  it('rejects shapes that are not keys', () => {
    for (const input of ['', 'abc', 'a.b', 'a.b.c', 'x'.repeat(5000)]) assert.equal(verifyLicenseKey(input).ok, false, input.slice(0, 20));
  });
});

describe('reference server', () => {
  /** @type {Awaited<ReturnType<typeof startTestServer>>} */
  let server;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.stop();
  });

  it('lists the sample licenses for an admin', async () => {
    const me = await call(`${server.api}/me`, { fetch: checked });
    assert.equal(me.status, 200);
    assert.equal(me.body.canManageLicenses, true);
    const list = await call(`${server.api}/licenses`, { fetch: checked });
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 5);
    assert.ok(list.body.every((/** @type {{ key: string }} */ license) => verifyLicenseKey(license.key).ok));
  });

  it('adds, renews and refuses a repeated key', async () => {
    const keys = await server.sampleKeys();
    const added = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked });
    assert.equal(added.status, 200);
    assert.equal(added.body.kind, 'activated');
    assert.equal(added.body.license.product, 'Password Reset');
    assert.equal(added.body.previous, undefined);

    const renewed = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.renewal }, fetch: checked });
    assert.equal(renewed.body.license.id, 'lic-mobile-token');
    assert.equal(renewed.body.previous.seatsTotal, 100);
    assert.equal(renewed.body.license.seatsTotal, 150);

    const again = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.renewal }, fetch: checked });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'key-already-applied');
  });

  it('rejects invalid, expired and other products keys', async () => {
    const keys = await server.sampleKeys();
    const cases = [
      [keys.mistyped, 'invalid-key'],
      ['not a key', 'invalid-key'],
      [keys.expired, 'key-expired'],
      [keys.otherProduct, 'wrong-product'],
    ];
    for (const [key, code] of cases) {
      const result = await call(`${server.api}/licenses`, { method: 'POST', body: { key }, fetch: checked });
      assert.equal(result.status, 422, code);
      assert.equal(result.body.code, code);
      assert.equal(result.headers.get('content-type'), 'application/problem+json');
    }
  });

  it('refuses a read-only user on every license call', async () => {
    await server.qa({ userId: 'read-only' });
    const keys = await server.sampleKeys();
    const me = await call(`${server.api}/me`, { fetch: checked });
    assert.equal(me.status, 200);
    assert.equal(me.body.canManageLicenses, false);

    const calls = [
      call(`${server.api}/licenses`, { fetch: checked }),
      call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked }),
      call(`${server.api}/offline-challenge`, { fetch: checked }),
      call(`${server.api}/offline-challenges/chl-1/renewal`, { method: 'POST', fetch: checked }),
      call(`${server.api}/offline-challenges/chl-1/activation`, { method: 'POST', body: { responseKey: 'X' }, fetch: checked }),
    ];
    for (const result of await Promise.all(calls)) {
      assert.equal(result.status, 403);
      assert.equal(result.body.code, 'forbidden');
    }
    await server.qa({ userId: 'admin' });
    const list = await call(`${server.api}/licenses`, { fetch: checked });
    assert.equal(list.body.length, 5, 'the refused key was not applied');
  });

  it('lets one_sys_admin manage licenses', async () => {
    await server.qa({ userId: 'system' });
    const me = await call(`${server.api}/me`, { fetch: checked });
    assert.equal(me.body.username, 'one_sys_admin');
    assert.equal(me.body.canManageLicenses, true);
    assert.equal((await call(`${server.api}/licenses`, { fetch: checked })).status, 200);
  });

  it('answers 401 when nobody is signed in', async () => {
    await server.qa({ userId: null });
    for (const path of ['/me', '/licenses', '/offline-challenge']) {
      const result = await call(`${server.api}${path}`, { fetch: checked });
      assert.equal(result.status, 401, path);
      assert.equal(result.body.code, 'not-signed-in');
    }
  });

  it('activates offline with the response key', async () => {
    await server.qa({ offline: true });
    const keys = await server.sampleKeys();
    const submitted = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked });
    assert.equal(submitted.body.kind, 'challenge');
    const { challenge } = submitted.body;
    assert.equal(challenge.lifetimeSeconds, 900);
    assert.equal(challenge.product, 'Password Reset');

    const pending = await call(`${server.api}/offline-challenge`, { fetch: checked });
    assert.equal(pending.body.id, challenge.id);

    const activation = `${server.api}/offline-challenges/${challenge.id}/activation`;
    const activated = await call(activation, { method: 'POST', body: { responseKey: computeResponseKey(challenge.challengeKey) }, fetch: checked });
    assert.equal(activated.status, 200);
    assert.equal(activated.body.license.product, 'Password Reset');

    const reused = await call(activation, { method: 'POST', body: { responseKey: computeResponseKey(challenge.challengeKey) }, fetch: checked });
    assert.equal(reused.status, 410);
    assert.equal(reused.body.code, 'challenge-expired');
    assert.equal((await call(`${server.api}/offline-challenge`, { fetch: checked })).body, null);
  });

  it('binds challenges to the installation and the key', async () => {
    await server.qa({ offline: true });
    const keys = await server.sampleKeys();
    const first = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked });
    const second = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.renewal }, fetch: checked });
    assert.notEqual(first.body.challenge.challengeKey, second.body.challenge.challengeKey);

    const other = await startTestServer();
    try {
      await other.qa({ offline: true });
      const elsewhere = await call(`${other.api}/licenses`, { method: 'POST', body: { key: keys.renewal }, fetch: checked });
      // A response computed for another installation's challenge is wrong for this one.
      const result = await call(`${server.api}/offline-challenges/${second.body.challenge.id}/activation`, {
        method: 'POST',
        body: { responseKey: computeResponseKey(elsewhere.body.challenge.challengeKey) },
        fetch: checked,
      });
      assert.equal(result.status, 422);
      assert.equal(result.body.code, 'response-mismatch');
    } finally {
      await other.stop();
    }
  });

  it('replaces a renewed challenge', async () => {
    await server.qa({ offline: true });
    const keys = await server.sampleKeys();
    const { challenge } = (await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked })).body;
    const renewed = await call(`${server.api}/offline-challenges/${challenge.id}/renewal`, { method: 'POST', fetch: checked });
    assert.equal(renewed.status, 200);
    assert.notEqual(renewed.body.id, challenge.id);
    assert.notEqual(renewed.body.challengeKey, challenge.challengeKey);

    const old = await call(`${server.api}/offline-challenges/${challenge.id}/activation`, {
      method: 'POST',
      body: { responseKey: computeResponseKey(challenge.challengeKey) },
      fetch: checked,
    });
    assert.equal(old.status, 409);
    assert.equal(old.body.code, 'challenge-replaced');

    const current = await call(`${server.api}/offline-challenges/${renewed.body.id}/activation`, {
      method: 'POST',
      body: { responseKey: computeResponseKey(renewed.body.challengeKey) },
      fetch: checked,
    });
    assert.equal(current.status, 200);
  });

  it('expires a challenge after its lifetime', async () => {
    await server.qa({ offline: true, challengeLifetimeSeconds: 60 });
    const keys = await server.sampleKeys();
    const { challenge } = (await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked })).body;
    assert.equal(challenge.lifetimeSeconds, 60);

    server.clock.now += 61_000;
    const expired = (await call(`${server.api}/offline-challenge`, { fetch: checked })).body;
    assert.equal(expired.id, challenge.id, 'the expired challenge stays readable');
    assert.equal(expired.expiresInSeconds, 0);
    const late = await call(`${server.api}/offline-challenges/${challenge.id}/activation`, {
      method: 'POST',
      body: { responseKey: computeResponseKey(challenge.challengeKey) },
      fetch: checked,
    });
    assert.equal(late.status, 410);
    assert.equal(late.body.code, 'challenge-expired');

    const renewed = await call(`${server.api}/offline-challenges/${challenge.id}/renewal`, { method: 'POST', fetch: checked });
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.expiresInSeconds, 60);
  });

  it('limits response attempts per challenge', async () => {
    await server.qa({ offline: true, responseAttempts: 3 });
    const keys = await server.sampleKeys();
    const { challenge } = (await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked })).body;
    const activation = `${server.api}/offline-challenges/${challenge.id}/activation`;
    const wrong = computeResponseKey(computeResponseKey(challenge.challengeKey));
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await call(activation, { method: 'POST', body: { responseKey: wrong }, fetch: checked });
      assert.equal(result.status, 422, `attempt ${attempt}`);
      assert.equal(result.body.code, 'response-mismatch');
    }
    const right = await call(activation, { method: 'POST', body: { responseKey: computeResponseKey(challenge.challengeKey) }, fetch: checked });
    assert.equal(right.status, 410);
    assert.equal(right.body.code, 'challenge-expired');
  });

  it('limits input sizes', async () => {
    const long = await call(`${server.api}/licenses`, { method: 'POST', body: { key: 'A'.repeat(9000) }, fetch: unchecked });
    assert.equal(long.status, 413);
    assert.equal(long.body.code, 'invalid-key');

    const huge = await call(`${server.api}/licenses`, { method: 'POST', body: { key: 'A'.repeat(20_000) }, fetch: unchecked });
    assert.equal(huge.status, 413);

    const longResponse = await call(`${server.api}/offline-challenges/chl-1/activation`, { method: 'POST', body: { responseKey: 'A'.repeat(300) }, fetch: unchecked });
    assert.equal(longResponse.status, 413);
  });

  it('rejects bodies that are not the contract', async () => {
    const broken = await call(`${server.api}/licenses`, { method: 'POST', body: '{"key": ', fetch: unchecked });
    assert.equal(broken.status, 400);
    const missing = await call(`${server.api}/licenses`, { method: 'POST', body: { licence: 'x' }, fetch: unchecked });
    assert.equal(missing.status, 400);
    const form = await call(`${server.api}/licenses`, { method: 'POST', body: 'key=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, fetch: unchecked });
    assert.equal(form.status, 415);
  });

  it('rejects cross-site posts', async () => {
    const keys = await server.sampleKeys();
    const foreign = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, headers: { origin: 'https://attacker.test' }, fetch: checked });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 'forbidden');
    const own = await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, headers: { origin: server.url }, fetch: checked });
    assert.equal(own.status, 200);
  });

  it('answers unknown paths with a problem', async () => {
    const result = await call(`${server.api}/nothing`);
    assert.equal(result.status, 404);
    assert.equal(result.headers.get('content-type'), 'application/problem+json');
    assert.equal(result.body.code, 'not-found');
    const method = await call(`${server.api}/me`, { method: 'DELETE' });
    assert.equal(method.status, 405);
    assert.equal(method.headers.get('allow'), 'GET');
  });

  it('logs refused requests without keys', async () => {
    const keys = await server.sampleKeys();
    await call(`${server.api}/licenses`, { method: 'POST', body: { key: keys.expired }, fetch: checked });
    const line = server.log.find((entry) => entry.includes('request refused'));
    assert.ok(line, server.log.join('\n'));
    assert.match(line, /key-expired/);
    assert.doesNotMatch(line, new RegExp(keys.expired.slice(0, 30)));
  });
});

describe('reference server persistence', () => {
  it('keeps licenses and challenges across a restart', async () => {
    const first = await startTestServer();
    const keys = await first.sampleKeys();
    await call(`${first.api}/licenses`, { method: 'POST', body: { key: keys.newProduct }, fetch: checked });
    await first.qa({ offline: true });
    const { challenge } = (await call(`${first.api}/licenses`, { method: 'POST', body: { key: keys.renewal }, fetch: checked })).body;
    await first.stop({ keepData: true });

    const files = await readdir(first.dataDir);
    assert.deepEqual(files, ['server-data.json'], 'no temporary file is left');
    JSON.parse(await readFile(`${first.dataDir}/server-data.json`, 'utf8'));

    const second = await startTestServer({ dataDir: first.dataDir, clock: first.clock });
    try {
      const list = await call(`${second.api}/licenses`, { fetch: checked });
      assert.ok(list.body.some((/** @type {{ product: string }} */ license) => license.product === 'Password Reset'));
      const pending = await call(`${second.api}/offline-challenge`, { fetch: checked });
      assert.equal(pending.body.id, challenge.id);
      const activated = await call(`${second.api}/offline-challenges/${challenge.id}/activation`, {
        method: 'POST',
        body: { responseKey: computeResponseKey(challenge.challengeKey) },
        fetch: checked,
      });
      assert.equal(activated.status, 200);
    } finally {
      await second.stop();
    }
  });
});

describe('reference server limits', () => {
  /** @type {Awaited<ReturnType<typeof startTestServer>>} */
  let server;
  before(async () => {
    server = await startTestServer({ rateLimitPerMinute: 3 });
  });
  after(async () => {
    await server.stop();
  });

  it('answers 429 with Retry-After', async () => {
    for (let index = 0; index < 3; index++) assert.equal((await call(`${server.api}/me`, { fetch: checked })).status, 200);
    const limited = await call(`${server.api}/me`, { fetch: checked });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate-limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('turns the QA endpoints off', async () => {
    const plain = await startTestServer({ qa: false });
    try {
      const result = await call(`${plain.url}/qa/state`);
      assert.equal(result.status, 404);
    } finally {
      await plain.stop();
    }
  });
});
