/**
 * Serves the demo (demo/) with Vite's dev server on 127.0.0.1, using the repository's vite.config.ts.
 *
 *   npm start                 port 5173, or the next free port when 5173 is taken
 *   npm start -- --port 8080  another preferred port (PORT=8080 works too)
 *
 * Also starts the reference server (server/) on 127.0.0.1, port 8787 or a free one when that is
 * taken (LICENSE_SERVER_PORT sets another), with its data in .demo-data/ (LICENSE_SERVER_DATA sets
 * another folder), and proxies /api/ and
 * /qa/ from the demo's origin to it: the QA panel's backend switch (?backend=server) uses it.
 *
 * Prints the URLs as `License Elements demo: http://127.0.0.1:5173/` and `License Elements reference
 * server: http://127.0.0.1:8787/api/v1`, and stops both cleanly on Ctrl+C (SIGINT) or SIGTERM.
 * scripts/demo-smoke.mjs starts it as a child process and reads those lines.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'vite';
import '../server/register-ts.js';

const { startReferenceServer } = await import('../server/app.js');

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

export const DEFAULT_PORT = 5173;
export const DEFAULT_API_PORT = 8787;
/** The reference server's data folder: LICENSE_SERVER_DATA, else .demo-data/ (gitignored). */
const dataDir = process.env.LICENSE_SERVER_DATA || fileURLToPath(new URL('../.demo-data', import.meta.url));

/** Starts the reference server on `port`, or on a free port when that one is taken. */
async function startApi(port) {
  try {
    return await startReferenceServer({ port, dataDir });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE' || port === 0) throw error;
    console.log(`Port ${port} is taken; the reference server takes a free port instead.`);
    return startReferenceServer({ port: 0, dataDir });
  }
}

/**
 * Starts the demo server and resolves with it and its URL. With `strictPort: false` (the default,
 * from vite.config.ts) Vite moves on to the next free port when `port` is taken.
 *
 * The reference server starts first; closing the returned `server` stops both.
 *
 * @param {{ port?: number, apiPort?: number, logLevel?: import('vite').LogLevel }} [options]
 */
export async function startDemo({ port = DEFAULT_PORT, apiPort = DEFAULT_API_PORT, logLevel = 'info' } = {}) {
  const api = await startApi(apiPort);
  const sigtermListeners = new Set(process.listeners('SIGTERM'));
  const proxy = { '/api/': { target: api.url }, '/qa/': { target: api.url } };
  const server = await createServer({
    configFile,
    // Inline options win over vite.config.ts; everything else (root demo/, host 127.0.0.1) comes from it.
    server: { port, strictPort: false, proxy },
    logLevel,
    clearScreen: false,
  });
  // Vite adds a SIGTERM listener that exits with code 143 while ours may still be closing; the
  // caller of startDemo owns shutdown (main() below stops on SIGINT and SIGTERM with code 0).
  for (const listener of process.listeners('SIGTERM')) {
    if (!sigtermListeners.has(listener)) process.off('SIGTERM', listener);
  }
  const closeVite = server.close.bind(server);
  server.close = async () => {
    await Promise.all([closeVite(), api.close()]);
  };
  await server.listen();

  const url = server.resolvedUrls?.local[0];
  if (url === undefined) {
    await server.close();
    throw new Error('Vite started but reported no local URL.');
  }
  return { server, url, apiUrl: `${api.url}/api/v1` };
}

function parsePort(argv, env) {
  const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag < 0 ? env.PORT : argv[flag].includes('=') ? argv[flag].split('=')[1] : argv[flag + 1];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid port "${raw}": expected 0 to 65535.`);
  return port;
}

async function main() {
  process.chdir(repositoryRoot);
  const apiPort = process.env.LICENSE_SERVER_PORT ? Number(process.env.LICENSE_SERVER_PORT) : DEFAULT_API_PORT;
  if (!Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65_535) throw new Error(`Invalid LICENSE_SERVER_PORT "${process.env.LICENSE_SERVER_PORT}": expected 0 to 65535.`);
  const { server, url, apiUrl } = await startDemo({ port: parsePort(process.argv.slice(2), process.env), apiPort });
  console.log(`License Elements reference server: ${apiUrl}`);
  console.log(`License Elements demo: ${url}`);
  console.log(`The demo on the reference server: ${url}?backend=server`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    // Should a SIGTERM listener of Vite's still be registered, it exits with `process.exitCode ??= 143`;
    // a clean stop is 0.
    process.exitCode = 0;
    console.log(`\n${signal} received, stopping the demo and reference servers…`);
    try {
      await server.close();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
