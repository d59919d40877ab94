/**
 * Serves the demo (demo/) with Vite's dev server on 127.0.0.1, using the repository's vite.config.ts.
 *
 *   npm start                 port 5173, or the next free port when 5173 is taken
 *   npm start -- --port 8080  another preferred port (PORT=8080 works too)
 *
 * Prints the URL as `License Elements demo: http://127.0.0.1:5173/` and stops cleanly on Ctrl+C
 * (SIGINT) or SIGTERM. scripts/demo-smoke.mjs starts it as a child process and reads that line.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'vite';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

export const DEFAULT_PORT = 5173;

/**
 * Starts the demo server and resolves with it and its URL. With `strictPort: false` (the default,
 * from vite.config.ts) Vite moves on to the next free port when `port` is taken.
 *
 * @param {{ port?: number, logLevel?: import('vite').LogLevel }} [options]
 */
export async function startDemo({ port = DEFAULT_PORT, logLevel = 'info' } = {}) {
  const sigtermListeners = new Set(process.listeners('SIGTERM'));
  const server = await createServer({
    configFile,
    // Inline options win over vite.config.ts; everything else (root demo/, host 127.0.0.1) comes from it.
    server: { port, strictPort: false },
    logLevel,
    clearScreen: false,
  });
  // Vite adds a SIGTERM listener that exits with code 143 while ours may still be closing; the
  // caller of startDemo owns shutdown (main() below stops on SIGINT and SIGTERM with code 0).
  for (const listener of process.listeners('SIGTERM')) {
    if (!sigtermListeners.has(listener)) process.off('SIGTERM', listener);
  }
  await server.listen();

  const url = server.resolvedUrls?.local[0];
  if (url === undefined) {
    await server.close();
    throw new Error('Vite started but reported no local URL.');
  }
  return { server, url };
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
  const { server, url } = await startDemo({ port: parsePort(process.argv.slice(2), process.env) });
  console.log(`License Elements demo: ${url}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    // Should a SIGTERM listener of Vite's still be registered, it exits with `process.exitCode ??= 143`;
    // a clean stop is 0.
    process.exitCode = 0;
    console.log(`\n${signal} received, stopping the demo server…`);
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
