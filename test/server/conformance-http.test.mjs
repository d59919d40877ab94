/**
 * The conformance suite against the HTTP adapter talking to the reference server, each check on a
 * server of its own, with every request and response checked against openapi.yaml.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { HttpAdapter } from '../../src/adapter/http/http-adapter.ts';
import { computeResponseKey } from '../../src/adapter/memory/offline-codes.ts';
import { defineConformanceTests } from '../../src/conformance/index.ts';
import { createSignedSampleKeys } from '../../server/vendor/signed-keys.js';
import { contractFetch, loadContract } from './contract.mjs';
import { startTestServer } from './helpers.mjs';

const USER_IDS = { admin: 'admin', system: 'system', 'read-only': 'read-only', 'signed-out': null };

/** @type {Awaited<ReturnType<typeof loadContract>>} */
let contract;
/** @type {string[]} */
let violations = [];
/** Servers by the adapter that talks to them. */
const servers = new Map();

before(async () => {
  contract = await loadContract();
});

beforeEach(() => {
  violations = [];
});

afterEach(() => {
  assert.deepEqual(violations, [], 'every request and answer matches openapi.yaml');
});

defineConformanceTests(
  {
    async createAdapter({ user, offline }) {
      const server = await startTestServer();
      await server.qa({ userId: USER_IDS[user], offline });
      const adapter = new HttpAdapter({ baseUrl: server.api, fetch: contractFetch(contract, violations), retries: 0 });
      servers.set(adapter, server);
      return adapter;
    },
    keys() {
      const keys = createSignedSampleKeys(Date.now());
      return { newProduct: keys.newProduct, renewal: keys.renewal, expired: keys.expired, otherProduct: keys.otherProduct, invalid: keys.mistyped };
    },
    computeResponseKey(challengeKey) {
      const response = computeResponseKey(challengeKey);
      if (response === null) throw new Error(`Malformed challenge key ${challengeKey}`);
      return response;
    },
    expireChallenges(adapter) {
      servers.get(adapter).clock.now += 3_600_000;
    },
    async dispose(adapter) {
      await servers.get(adapter)?.stop();
      servers.delete(adapter);
    },
  },
  { describe, it },
  'HttpAdapter with the reference server: conformance',
);
