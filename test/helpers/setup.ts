/**
 * Fails the current test on any console error or warning, uncaught error or unhandled rejection that
 * the test did not declare with {@link allowConsole}. Every test file imports this module first.
 */
import { expect } from '@open-wc/testing';

/**
 * Messages every page may log: Lit's own development-mode notice, and Chromium's report of a
 * ResizeObserver loop, which the virtualizer causes when it resizes rows it observes. The page lays
 * out again on the next frame, so the report is harmless.
 */
const ALWAYS_ALLOWED = [/Lit is in dev mode/, /ResizeObserver loop/];
const RESIZE_OBSERVER_LOOP = /ResizeObserver loop/;

let unexpected: string[] = [];
let allowed: RegExp[] = [];

function record(kind: string, parts: unknown[]): void {
  // The test page logs the `error` of every window error event, which is null for reports such as a
  // ResizeObserver loop. The error listener below records each of those events with its message.
  if (kind === 'console.error' && parts.length === 1 && parts[0] === null) return;
  const text = parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' ');
  if ([...ALWAYS_ALLOWED, ...allowed].some((pattern) => pattern.test(text))) return;
  unexpected.push(`${kind}: ${text}`);
}

for (const level of ['error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...parts: unknown[]) => {
    record(`console.${level}`, parts);
    original(...parts);
  };
}
window.addEventListener('error', (event) => record('uncaught error', [event.error ?? event.message]));
window.addEventListener('unhandledrejection', (event) => record('unhandled rejection', [event.reason]));

/** Lets the current test log messages matching `pattern` without failing. */
export function allowConsole(pattern: RegExp): void {
  allowed.push(pattern);
}

// Mocha fails the running test on every window error; a ResizeObserver loop report is not one.
let mochaOnError: OnErrorEventHandler = null;
before(() => {
  mochaOnError = window.onerror;
  window.onerror = (message, ...rest) => (RESIZE_OBSERVER_LOOP.test(String(message)) ? true : (mochaOnError?.(message, ...rest) ?? false));
});
after(() => {
  window.onerror = mochaOnError;
});

afterEach(function () {
  const messages = unexpected;
  unexpected = [];
  allowed = [];
  expect(messages, `unexpected console output in "${this.currentTest?.title ?? ''}": ${JSON.stringify(messages)}`).to.deep.equal([]);
});
