/**
 * Fails the current test on any console error or warning, uncaught error or unhandled rejection that
 * the test did not declare with {@link allowConsole}. Every test file imports this module first.
 */
import { expect } from '@open-wc/testing';

/** Messages every page may log: Lit's own development-mode notice. */
const ALWAYS_ALLOWED = [/Lit is in dev mode/, /ResizeObserver loop/];

let unexpected: string[] = [];
let allowed: RegExp[] = [];

function record(kind: string, parts: unknown[]): void {
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

afterEach(function () {
  const messages = unexpected;
  unexpected = [];
  allowed = [];
  expect(messages, `unexpected console output in "${this.currentTest?.title ?? ''}"`).to.deep.equal([]);
});
