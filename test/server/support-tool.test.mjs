/**
 * The support engineer's tool (scripts/support-tool.mjs) against the reference server: the keys it
 * issues are accepted, and its response keys activate the server's challenges.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { call, startTestServer } from './helpers.mjs';

const tool = fileURLToPath(new URL('../../scripts/support-tool.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the tool and resolves with its trimmed standard output. */
async function supportTool(...args) {
  const { stdout } = await run(process.execPath, [tool, ...args]);
  return stdout.trim();
}

describe('support tool', () => {
  /** @type {Awaited<ReturnType<typeof startTestServer>>} */
  let server;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('issues keys the server accepts', async () => {
    const key = await supportTool('issue-key', '--product', 'Password Reset', '--seats', '40', '--expires', '+90');
    const result = await call(`${server.api}/licenses`, { method: 'POST', body: { key } });
    assert.equal(result.status, 200);
    assert.equal(result.body.license.product, 'Password Reset');
    assert.equal(result.body.license.seatsTotal, 40);
  });

  it('answers a server challenge', async () => {
    await server.qa({ offline: true });
    const key = await supportTool('issue-key', '--product', 'Password Reset', '--expires', 'never');
    const { challenge } = (await call(`${server.api}/licenses`, { method: 'POST', body: { key } })).body;
    // Typed as read aloud: lower case, groups separated by spaces.
    const responseKey = await supportTool('respond', ...challenge.challengeKey.toLowerCase().split('-'));
    const result = await call(`${server.api}/offline-challenges/${challenge.id}/activation`, { method: 'POST', body: { responseKey } });
    assert.equal(result.status, 200);
    assert.equal(result.body.license.expiresAt, null);
  });

  it('rejects a malformed challenge', async () => {
    await assert.rejects(supportTool('respond', 'ABCDE-12345'), (error) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /malformed/);
      return true;
    });
  });

  it('issues in-memory demo keys', async () => {
    const key = await supportTool('issue-key', '--product', 'Mobile Token', '--format', 'memory');
    assert.match(key, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    assert.match(await supportTool('verify', key), /Valid demo key \(in-memory adapter\)/);
  });
});
