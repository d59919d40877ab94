/**
 * Starts reference servers for the Node tests, each on a free port of 127.0.0.1 with its own data
 * folder, a clock the test can move, and a log the test can read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceServer } from '../../server/app.js';

/**
 * @param {{ dataDir?: string, clock?: { now: number }, qa?: boolean, rateLimitPerMinute?: number, responseAttempts?: number }} [options]
 */
export async function startTestServer(options = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'license-server-')));
  const clock = options.clock ?? { now: Date.now() };
  /** @type {string[]} */
  const log = [];
  const running = await startReferenceServer({
    dataDir,
    qa: options.qa ?? true,
    rateLimitPerMinute: options.rateLimitPerMinute,
    responseAttempts: options.responseAttempts,
    now: () => clock.now,
    logger: (level, message, fields) => log.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
  });
  const api = `${running.url}/api/v1`;

  /**
   * Sets QA state: the signed-in user (`admin`, `system`, `read-only` or null), offline mode, challenge lifetime.
   * @param {Record<string, unknown>} settings
   */
  const qa = async (settings) => {
    const response = await fetch(`${running.url}/qa/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    if (!response.ok) throw new Error(`POST /qa/state failed with ${response.status}: ${await response.text()}`);
  };
  const sampleKeys = async () => (await fetch(`${running.url}/qa/sample-keys`)).json();

  return {
    ...running,
    api,
    dataDir,
    clock,
    log,
    qa,
    sampleKeys,
    /** Stops the server; removes its data folder unless `keepData`. */
    async stop({ keepData = false } = {}) {
      await running.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends JSON to the API and returns the status and parsed body.
 * @param {string} url
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string>, fetch?: typeof fetch }} [options]
 */
export async function call(url, { method = 'GET', body, headers = {}, fetch: fetchImpl = fetch } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers['content-type'] ??= 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetchImpl(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}
