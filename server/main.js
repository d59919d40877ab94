/**
 * Runs the reference server on its own (scripts/start-demo.mjs starts it together with the demo).
 *
 *   node server/main.js [--port 8787] [--data .demo-data] [--challenge-lifetime 900] [--response-attempts 5] [--no-qa]
 *
 * Listens on 127.0.0.1 and stops cleanly on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import './register-ts.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    data: { type: 'string', default: '.demo-data' },
    'challenge-lifetime': { type: 'string' },
    'response-attempts': { type: 'string' },
    'no-qa': { type: 'boolean', default: false },
  },
});

/** @param {string | undefined} raw @param {string} name */
function integer(raw, name) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Invalid --${name} "${raw}": expected a whole number.`);
  return value;
}

const { startReferenceServer } = await import('./app.js');
const running = await startReferenceServer({
  port: integer(values.port, 'port'),
  dataDir: values.data,
  qa: !values['no-qa'],
  challengeLifetimeSeconds: integer(values['challenge-lifetime'], 'challenge-lifetime'),
  responseAttempts: integer(values['response-attempts'], 'response-attempts'),
});
console.log(`License Elements reference server: ${running.url}/api/v1`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    running.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
