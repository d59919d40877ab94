import './helpers/setup.ts';
import { expect } from '@open-wc/testing';
import { computeResponseKey, createSampleKeys, DEMO_ADMIN, DEMO_READ_ONLY_USER, DEMO_SYSTEM_ADMIN, MemoryAdapter } from '../src/adapter/memory/index.ts';
import type { LicenseAdapter } from '../src/adapter/types.ts';
import { defineConformanceTests, runConformanceChecks, type ConformanceHooks, type ConformanceSetup } from '../src/conformance/index.ts';

const USERS = { admin: DEMO_ADMIN, system: DEMO_SYSTEM_ADMIN, 'read-only': DEMO_READ_ONLY_USER, 'signed-out': null } as const;

function memoryHooks(): ConformanceHooks<MemoryAdapter> {
  return {
    createAdapter: ({ user, offline }: ConformanceSetup) => new MemoryAdapter({ user: USERS[user], offline }),
    keys: () => {
      const keys = createSampleKeys(Date.now());
      return { newProduct: keys.newProduct, renewal: keys.renewal, expired: keys.expired, otherProduct: keys.otherProduct, invalid: keys.mistyped };
    },
    computeResponseKey: (challengeKey) => {
      const response = computeResponseKey(challengeKey);
      if (response === null) throw new Error(`Malformed challenge key ${challengeKey}`);
      return response;
    },
    expireChallenges: (adapter) => adapter.configure({ clockOffsetMs: adapter.clockOffsetMs + 3_600_000 }),
  };
}

defineConformanceTests(memoryHooks(), { describe, it }, 'MemoryAdapter conformance');

describe('conformance suite', () => {
  it('reports results as plain checks', async () => {
    const results = await runConformanceChecks(memoryHooks());
    expect(results.length).to.be.greaterThan(10);
    expect(results.filter((result) => result.outcome !== 'passed')).to.deep.equal([]);
  });

  it('fails an adapter that breaks the contract', async () => {
    const hooks = memoryHooks();
    const broken: ConformanceHooks = {
      ...hooks,
      createAdapter: async (setup) => {
        const adapter: LicenseAdapter = await hooks.createAdapter(setup);
        // Lets everyone manage licenses and answers a read-only user's list.
        return {
          ...adapter,
          getCurrentUser: async (options) => ({ ...(await adapter.getCurrentUser(options)), canManageLicenses: true }),
          listLicenses: async () => [],
          submitLicenseKey: (key, options) => adapter.submitLicenseKey(key, options),
          activateOffline: (id, response, options) => adapter.activateOffline(id, response, options),
          getPendingChallenge: (options) => adapter.getPendingChallenge(options),
          renewChallenge: (id, options) => adapter.renewChallenge(id, options),
        };
      },
    };
    const results = await runConformanceChecks(broken);
    const failed = results.filter((result) => result.outcome === 'failed').map((result) => result.name);
    expect(failed).to.include('getCurrentUser reports a read-only user');
    expect(failed).to.include('read-only user is refused with forbidden');
    expect(failed).to.include('submitLicenseKey adds a new product');
  });
});
