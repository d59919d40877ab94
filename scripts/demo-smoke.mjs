/**
 * Smoke test of the demo page in a real browser (`npm run demo:smoke`).
 *
 * Starts the demo server (scripts/start-demo.mjs) as a child process, opens the page in headless
 * Chromium (scripts/chromium-path.mjs) and walks the main path as an admin would: the overview
 * table, adding a new product's key, an offline renewal answered through the QA panel's support
 * box, the renewed expiry in the overview without a reload, and the read-only user's access state.
 * It fails on any failed step and on any console error or uncaught exception on the page, stops the
 * server by its PID, and prints each check.
 *
 * Screenshots of the overview, the offline step and the QA panel, in light and dark, go to
 * $SCREENSHOT_DIR (default /tmp) as demo-*.png.
 */
/* global window, document, location -- used inside page.evaluate callbacks, which run in the browser */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs';
import { assertEqual, startDemoProcess, stopDemoProcess } from './demo-process.mjs';

const screenshotDir = process.env.SCREENSHOT_DIR || '/tmp';
const STEP_TIMEOUT_MS = 10_000;
const DAY_MS = 86_400_000;
const OFFLINE_KEY = /^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/;

const checks = [];
const screenshots = [];

function check(description) {
  checks.push(description);
  console.log(`  ✓ ${description}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Formats a date-only value as the elements do for lang="en". */
function formatDate(isoDate) {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

async function screenshot(page, name, target = page, options = {}) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let the colour transition of the page settle (there is none today, but keep shots stable).
    await page.waitForTimeout(50);
    const path = join(screenshotDir, `demo-${name}-${scheme}.png`);
    await target.screenshot({ path, ...options });
    screenshots.push(path);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function walk(page, url) {
  const main = page.getByRole('main');
  const qa = page.getByRole('complementary', { name: 'QA panel' });
  const sideNav = page.getByRole('navigation', { name: 'Main' });
  const overview = page.locator('license-overview');
  const upload = page.locator('license-upload');
  const offline = upload.locator('offline-activation');
  const loadedAt = Date.now();

  // ---- The overview, as the admin ----
  await page.goto(url);
  await page.evaluate(() => {
    window.__demoSmokeNoReload = true;
  });
  await page.getByRole('heading', { level: 1, name: 'User Licenses' }).waitFor();
  assertEqual(await page.locator('#account-name').textContent(), 'Jordan Doe', 'Signed-in user in the header');
  check('the portal opens on Settings › User Licenses with Jordan Doe (Admin) in the header');

  const table = overview.getByRole('table', { name: 'Licenses' });
  await table.waitFor();
  const mobileRow = overview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mobile Token', exact: true }) });
  // Cells after the product's row header: key, seats used, issued, expires, status.
  const initialExpiry = (await mobileRow.getByRole('cell').nth(3).textContent())?.trim();
  const rowCount = await overview.getByRole('row').count();
  assert(rowCount === 6, `The overview should show 5 licenses and a header row, found ${rowCount} rows`);
  check(`the admin sees the overview table: 5 licenses, Mobile Token expires ${initialExpiry}`);
  await screenshot(page, 'overview', page, { fullPage: true });

  assert(await qa.isVisible(), 'The QA panel should be open on a wide window');
  await qa.getByText('Testing tool, not part of the product').waitFor();
  check('the QA panel is open and marked as a testing tool');

  const qaToggle = page.getByRole('button', { name: 'QA panel', exact: true });
  await qa.getByRole('radio', { name: 'Admin', exact: true }).focus();
  await page.keyboard.press('Escape');
  await qa.waitFor({ state: 'hidden' });
  assertEqual(await qaToggle.getAttribute('aria-expanded'), 'false', 'aria-expanded of the QA panel button after Escape');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'qa-toggle', 'Focus after closing the QA panel');
  await page.keyboard.press('Enter');
  await qa.waitFor({ state: 'visible' });
  assertEqual(await qaToggle.getAttribute('aria-expanded'), 'true', 'aria-expanded of the QA panel button after Enter');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'qa-title', 'Focus after opening the QA panel');
  check('the QA panel closes with Escape (focus back on its button) and opens again from the keyboard');

  // ---- Add a new product's key ----
  await sideNav.getByRole('link', { name: 'Add User Licenses' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add User Licenses' }).waitFor();
  assertEqual(await page.evaluate(() => location.hash), '#/settings/user-licenses/add', 'Hash after navigating');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'upload-title', 'Focus after navigating');
  assert(await overview.isHidden(), 'The overview should be hidden on the Add User Licenses view');
  check('the side navigation switches to Add User Licenses without a reload and moves focus to its heading');

  const keyBox = upload.getByRole('textbox', { name: 'License key' });
  await keyBox.waitFor();

  async function pasteSampleKey(label, id) {
    await qa.getByRole('button', { name: `Copy key: ${label}` }).click();
    await qa.getByText(`${label} key copied.`).waitFor();
    const shown = (await page.locator(`#qa-key-${id}`).textContent())?.trim();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assertEqual(copied, shown, `Clipboard after copying the ${label} key`);
    await keyBox.click();
    await keyBox.press('ControlOrMeta+A');
    await keyBox.press('ControlOrMeta+V');
    assertEqual(await keyBox.inputValue(), shown, `License key box after pasting the ${label} key`);
    return shown;
  }

  const newProductKey = await pasteSampleKey('New product (valid)', 'newProduct');
  check(`the "New product" sample key is copied from the QA panel and pasted into the License key box (${newProductKey})`);

  await upload.getByRole('button', { name: 'Save' }).click();
  await upload.getByRole('status').filter({ hasText: 'License for Password Reset added.' }).waitFor();
  assertEqual(await keyBox.inputValue(), '', 'License key box after a successful Save');
  check('Save shows "License for Password Reset added." and clears the box');

  // ---- Offline renewal ----
  await qa.getByRole('checkbox', { name: 'Offline: the installation cannot reach the vendor' }).check();
  assert(await page.evaluate(() => window.demoAdapter.offline), 'The adapter should be offline');
  check('the QA panel switches the backend to offline mode');

  await pasteSampleKey('Renewal (valid)', 'renewal');
  await upload.getByRole('button', { name: 'Save' }).click();
  await offline.getByRole('heading', { name: 'Activate offline' }).waitFor();
  const groups = (await offline.locator('.challenge').textContent())?.trim().split(/\s+/) ?? [];
  const challengeKey = groups.join('-');
  const pendingKey = await page.evaluate(() => window.demoAdapter.pendingChallenge?.challengeKey);
  assertEqual(challengeKey, pendingKey, 'Challenge key shown by the element');
  assert(OFFLINE_KEY.test(challengeKey), `Challenge key ${challengeKey} is not six groups of five`);
  await offline.getByText(/Time left: 1[45]:\d\d/).waitFor();
  await offline.getByRole('link', { name: '+1 (555) 013-4477' }).waitFor();
  check(`the renewal key answers with an offline challenge (${challengeKey}), the time left and the support contact`);

  const supportField = qa.getByRole('textbox', { name: 'Challenge key' });
  const response = qa.locator('#qa-response');
  await supportField.fill('ABCDE-12345');
  await response.getByText('The challenge key is malformed').waitFor();
  check('the support box says when a challenge key is malformed');

  // Type the challenge as the admin reads it out: groups separated by spaces.
  await supportField.fill('');
  await supportField.pressSequentially(groups.join(' '));
  const responseKey = (await response.textContent())?.trim() ?? '';
  assert(OFFLINE_KEY.test(responseKey), `The support box should show a response key, shows "${responseKey}"`);
  await supportField.fill('');
  await qa.getByRole('button', { name: 'Use pending challenge' }).click();
  assertEqual(await supportField.inputValue(), challengeKey, 'Support box after "Use pending challenge"');
  assertEqual((await response.textContent())?.trim(), responseKey, 'Response key for the pending challenge');
  check(`the support box computes the response key ${responseKey}, and "Use pending challenge" fills in the same challenge`);

  const responseField = offline.getByRole('textbox', { name: 'Response key' });
  await responseField.pressSequentially(responseKey);
  await screenshot(page, 'offline-step', page, { fullPage: true });

  await page.setViewportSize({ width: 1440, height: 2400 });
  await screenshot(page, 'qa-panel', qa);
  await page.setViewportSize({ width: 1440, height: 900 });

  const renewedOn = new Set([loadedAt, Date.now()].map((now) => formatDate(new Date(now + 377 * DAY_MS).toISOString().slice(0, 10))));
  await offline.getByRole('button', { name: 'Activate Offline' }).click();
  const success = upload.getByRole('status').filter({ hasText: 'License for Mobile Token renewed. It now expires on' });
  await success.waitFor();
  const successText = (await success.textContent())?.trim() ?? '';
  const renewedExpiry = [...renewedOn].find((date) => successText.includes(date));
  assert(renewedExpiry !== undefined, `Success message "${successText}" should name the new expiry ${[...renewedOn].join(' or ')}`);
  assert(renewedExpiry !== initialExpiry, 'The renewal should change the expiry');
  check(`"Activate Offline" shows "${successText}"`);

  // ---- Back to the overview ----
  await sideNav.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('heading', { level: 1, name: 'User Licenses' }).waitFor();
  const expiryCell = mobileRow.getByRole('cell').nth(3);
  await expiryCell.getByText(renewedExpiry, { exact: true }).waitFor();
  assertEqual((await mobileRow.getByRole('cell').nth(1).textContent())?.trim(), '97 of 150', 'Mobile Token seats after the renewal');
  assertEqual((await mobileRow.getByRole('cell').nth(4).textContent())?.trim(), 'Active', 'Mobile Token status after the renewal');
  await overview.getByRole('rowheader', { name: 'Password Reset', exact: true }).waitFor();
  assert(await page.evaluate(() => window.__demoSmokeNoReload === true), 'The page reloaded during the walk');
  check(`the overview shows Mobile Token renewed (expires ${renewedExpiry}, 97 of 150 seats, Active) and Password Reset, without a reload`);

  // ---- Read-only user ----
  await qa.getByRole('radio', { name: 'Read-only user' }).check();
  await overview.getByRole('heading', { name: 'Administrator access required' }).waitFor({ timeout: 3000 });
  assertEqual(await page.locator('#account-name').textContent(), 'Alex Smith', 'Signed-in user in the header');
  await main.getByRole('link', { name: 'Add license' }).click();
  await upload.getByRole('heading', { name: 'Administrator access required' }).waitFor({ timeout: 3000 });
  check('switching to the Read-only user shows "Administrator access required" in the overview and the upload form at once');
}

async function main() {
  console.log('Demo smoke test');
  const server = await startDemoProcess();
  console.log(`  server PID ${server.child.pid} at ${server.url}`);

  const problems = [];
  let browser;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));

    await walk(page, server.url);
    if (problems.length === 0) check('no console errors or uncaught exceptions on the page');
  } catch (error) {
    problems.unshift(`step failed: ${error instanceof Error ? error.message : error}`);
  } finally {
    await browser?.close();
    await stopDemoProcess(server.child).catch((error) => problems.push(error.message));
  }

  const reloads = server.output().split('\n').filter((line) => /page reload|reloading/.test(line));
  if (reloads.length > 0) problems.push(`Vite reloaded the page during the run:\n    ${reloads.join('\n    ')}`);

  if (screenshots.length > 0) console.log(`  screenshots: ${screenshots.join(', ')}`);
  if (problems.length > 0) {
    console.error(`\nDemo smoke test FAILED after ${checks.length} checks:`);
    for (const problem of problems) console.error(`  ✗ ${problem}`);
    process.exit(1);
  }
  console.log(`\nDemo smoke test passed: ${checks.length} checks; server stopped.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
