/**
 * End-to-end walk of the demo on the reference server (`npm run test:e2e`).
 *
 * Starts scripts/start-demo.mjs (the demo and the reference server) with a fresh data folder and
 * opens `?backend=server` in headless Chromium. It checks an online upload, an offline activation
 * with the support box, the data surviving a restart of both servers, and a read-only user rejected
 * by the server even when a direct fetch bypasses the UI. Stops the servers by their PID.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs';
import { assertEqual, startDemoProcess, stopDemoProcess } from './demo-process.mjs';

const STEP_TIMEOUT_MS = 10_000;
/** Console errors Chromium logs for 4xx responses, which the walk expects when the server rejects a request. */
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of 4\d\d/;

let passed = 0;
let failed = 0;

function check(description) {
  passed += 1;
  console.log(`  ✓ ${description}`);
}

/** Starts the demo and the reference server on free ports with their data in `dataDir`. */
function startServers(dataDir) {
  return startDemoProcess({ args: ['--port', '0'], env: { LICENSE_SERVER_PORT: '0', LICENSE_SERVER_DATA: dataDir } });
}

async function openDemo(browser, url, problems) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_CONSOLE.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  await page.goto(`${url}?backend=server#/settings/user-licenses`);
  await page.getByRole('heading', { level: 1, name: 'User Licenses' }).waitFor();
  return page;
}

async function walkUploads(page) {
  const qa = page.getByRole('complementary', { name: 'QA panel' });
  const overview = page.locator('license-overview');
  const upload = page.locator('license-upload');
  const offline = upload.locator('offline-activation');

  assertEqual(await qa.locator('#qa-backend').inputValue(), 'server', 'Backend chosen in the QA panel');
  assertEqual(await page.locator('#account-name').textContent(), 'Jordan Doe', 'Signed-in user in the header');
  await overview.getByRole('table', { name: 'Licenses' }).waitFor();
  assertEqual(await overview.getByRole('row').count(), 6, 'Rows of the overview (5 licenses and the header)');
  check('the demo on ?backend=server shows the server\'s 5 licenses to Jordan Doe');

  // ---- Online upload ----
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add User Licenses' }).click();
  const keyBox = upload.getByRole('textbox', { name: 'License key' });
  await qa.locator('#qa-key-newProduct').waitFor();
  const newProductKey = (await qa.locator('#qa-key-newProduct').textContent()).trim();
  await keyBox.fill(newProductKey);
  await upload.getByRole('button', { name: 'Save' }).click();
  await upload.getByRole('status').filter({ hasText: 'License for Password Reset added.' }).waitFor();
  check('an Ed25519-signed sample key uploads online: "License for Password Reset added."');

  // ---- Offline activation ----
  await qa.getByRole('checkbox', { name: 'Offline: the installation cannot reach the vendor' }).check();
  await page.waitForFunction(async () => (await (await fetch('/qa/state')).json()).offline === true);
  await keyBox.fill((await qa.locator('#qa-key-renewal').textContent()).trim());
  await upload.getByRole('button', { name: 'Save' }).click();
  await offline.getByRole('heading', { name: 'Activate offline' }).waitFor();
  const challengeKey = ((await offline.locator('.challenge').textContent()) ?? '').trim().split(/\s+/).join('-');
  const stored = await page.evaluate(async () => (await (await fetch('/qa/challenge')).json()).challengeKey);
  assertEqual(challengeKey, stored, 'Challenge key shown by the element');
  check(`the server answers the renewal key with an offline challenge (${challengeKey})`);

  await qa.getByRole('button', { name: 'Use pending challenge' }).click();
  // On the server backend the panel fetches the pending challenge before it fills the box.
  const supportBox = qa.getByRole('textbox', { name: 'Challenge key' });
  await supportBox
    .evaluate((input, expected) => new Promise((resolve, reject) => {
      const deadline = performance.now() + 10_000;
      const poll = () => {
        if (input.value === expected) resolve(undefined);
        else if (performance.now() > deadline) reject(new Error(`Support box shows ${input.value}, expected ${expected}`));
        else setTimeout(poll, 50);
      };
      poll();
    }), challengeKey);
  const responseLocator = qa.locator('#qa-response');
  await page.waitForFunction((element) => /^[0-9A-Z]{5}(-[0-9A-Z]{5})+$/.test((element?.textContent ?? '').trim()), await responseLocator.elementHandle());
  const responseKey = ((await responseLocator.textContent()) ?? '').trim();
  await offline.getByRole('textbox', { name: 'Response key' }).pressSequentially(responseKey);
  await offline.getByRole('button', { name: 'Activate Offline' }).click();
  await upload.getByRole('status').filter({ hasText: 'License for Mobile Token renewed.' }).waitFor();
  check(`the support box's response key ${responseKey} activates the renewal on the server`);

  const reused = await page.evaluate(async (body) => {
    const challenge = await (await fetch('/qa/challenge')).json();
    const response = await fetch(`/api/v1/offline-challenges/${challenge.id}/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, code: (await response.json()).code };
  }, { responseKey });
  assertEqual(reused.status, 410, 'Status of a second activation with the used challenge');
  assertEqual(reused.code, 'challenge-expired', 'Code of a second activation with the used challenge');
  check('the used challenge is refused a second time (410 challenge-expired)');
  await qa.getByRole('checkbox', { name: 'Offline: the installation cannot reach the vendor' }).uncheck();
  await page.waitForFunction(async () => (await (await fetch('/qa/state')).json()).offline === false);
}

async function walkAfterRestart(page) {
  const qa = page.getByRole('complementary', { name: 'QA panel' });
  const overview = page.locator('license-overview');
  await overview.getByRole('rowheader', { name: 'Password Reset', exact: true }).waitFor();
  const mobileRow = overview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mobile Token', exact: true }) });
  assertEqual((await mobileRow.getByRole('cell').nth(1).textContent())?.trim(), '97 of 150', 'Mobile Token seats after the restart');
  check('after a restart of both servers the overview still lists Password Reset and the renewed Mobile Token');

  // ---- Read-only user, in the UI and past it ----
  await qa.getByRole('radio', { name: 'Read-only user' }).check();
  await overview.getByRole('heading', { name: 'Administrator access required' }).waitFor();
  assertEqual(await page.locator('#account-name').textContent(), 'Alex Smith', 'Signed-in user in the header');
  check('the read-only user sees "Administrator access required"');

  const key = (await qa.locator('#qa-key-newProduct').textContent()).trim();
  const direct = await page.evaluate(async (body) => {
    const post = await fetch('/api/v1/licenses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const list = await fetch('/api/v1/licenses');
    const challenge = await fetch('/api/v1/offline-challenge');
    return {
      post: post.status,
      postType: post.headers.get('content-type'),
      postCode: (await post.json()).code,
      list: list.status,
      challenge: challenge.status,
    };
  }, { key });
  assertEqual(direct.post, 403, 'Status of a direct POST /api/v1/licenses by the read-only user');
  assertEqual(direct.postType, 'application/problem+json', 'Content type of the refusal');
  assertEqual(direct.postCode, 'forbidden', 'Code of the refusal');
  assertEqual(direct.list, 403, 'Status of a direct GET /api/v1/licenses by the read-only user');
  assertEqual(direct.challenge, 403, 'Status of a direct GET /api/v1/offline-challenge by the read-only user');
  check('the server refuses the read-only user\'s direct fetches with 403 forbidden, whatever the UI shows');
}

async function main() {
  console.log('End-to-end walk of the demo on the reference server');
  const dataDir = await mkdtemp(join(tmpdir(), 'license-e2e-'));
  const problems = [];
  let browser;
  let servers;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

    servers = await startServers(dataDir);
    console.log(`  demo PID ${servers.child.pid} at ${servers.url}`);
    const page = await openDemo(browser, servers.url, problems);
    await walkUploads(page);
    // Closed first, so that the page does not see its servers go away.
    await page.context().close();
    await stopDemoProcess(servers.child);

    servers = await startServers(dataDir);
    console.log(`  restarted: demo PID ${servers.child.pid} at ${servers.url}`);
    await walkAfterRestart(await openDemo(browser, servers.url, problems));
    if (problems.length === 0) check('no unexpected console errors or uncaught exceptions');
  } catch (error) {
    problems.unshift(`step failed: ${error instanceof Error ? error.message : error}`);
  } finally {
    await browser?.close();
    if (servers) await stopDemoProcess(servers.child).catch((error) => problems.push(error.message));
    await rm(dataDir, { recursive: true, force: true });
  }

  failed = problems.length;
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
