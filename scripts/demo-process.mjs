/**
 * Starting and stopping scripts/start-demo.mjs as a child process, for the browser walks
 * (scripts/demo-smoke.mjs and scripts/e2e-server.mjs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts the demo with `args` and extra `env`, and resolves with the child process and the URL it
 * printed. Rejects when no URL appears within 60 s or the process exits first, with its output.
 *
 * @param {{ args?: string[], env?: Record<string, string> }} [options]
 */
export function startDemoProcess({ args = [], env = {} } = {}) {
  const child = spawn(process.execPath, ['scripts/start-demo.mjs', ...args], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The demo printed no URL within ${START_TIMEOUT_MS / 1000} s. Output:\n${output}`));
    }, START_TIMEOUT_MS);

    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = /License Elements demo: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The demo exited early (code ${code}, signal ${signal}). Output:\n${output}`));
    });
  });
}

/** Sends SIGTERM to the child's PID and waits for it to exit; sends SIGKILL and throws after 10 s. */
export async function stopDemoProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');

  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    process.kill(child.pid, 'SIGKILL');
    await exited;
    throw new Error(`The demo (PID ${child.pid}) did not stop on SIGTERM within ${STOP_TIMEOUT_MS / 1000} s.`);
  }
}

/** Throws when `actual` differs from `expected`, naming `subject` and both values. */
export function assertEqual(actual, expected, subject) {
  if (actual !== expected) throw new Error(`${subject}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
