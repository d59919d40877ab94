/**
 * Benchmarks <license-overview> against a plain DOM baseline in headless Chromium: the first render,
 * a full scroll and a wheel-speed scroll of 100 and 10,000 licenses. It builds bench/ with Vite (production mode, so Lit
 * runs without its development checks), serves the build on 127.0.0.1 and drives it with
 * playwright-core and the Chromium that scripts/chromium-path.mjs finds.
 *
 * Usage: node scripts/bench-overview.mjs [--runs N] [--json]
 *   --runs N  measurements per case; the table shows the median (default 5)
 *   --json    print every measurement as JSON instead of the table
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'node_modules', '.cache', 'bench-overview');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got ${process.argv[runsFlag + 1]}`);

const CASES = [
  { mode: 'element', count: 100 },
  { mode: 'baseline', count: 100 },
  { mode: 'element', count: 10_000 },
  { mode: 'baseline', count: 10_000 },
];

await build({
  configFile: false,
  root: join(root, 'bench'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, target: 'es2022' },
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (request, response) => {
  const path = normalize(new URL(request.url ?? '/', 'http://127.0.0.1').pathname).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
    response.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const results = [];
try {
  for (const { mode, count } of CASES) {
    for (let run = 0; run <= runs; run++) {
      // A fresh page per run, so one run's garbage does not slow the next; run 0 warms the code cache and is dropped.
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (error) => console.error(`Page error in ${mode} ${count}: ${error.message}`));
      await page.goto(url);
      await page.waitForFunction(() => typeof globalThis.runBench === 'function');
      const result = await page.evaluate(([m, c]) => globalThis.runBench(m, c), [mode, count]);
      if (run > 0) results.push(result);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const version = browser.version();
  console.log(`Chromium ${version}, ${runs} runs per case, medians; viewport 1280x800, list box 600 px high\n`);
  console.log('| list | licenses | first render (ms) | full scroll (ms) | frames | mean frame (ms) | worst frame (ms) | rows in DOM at end | wheel: mean frame (ms) | wheel: worst frame (ms) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { mode, count } of CASES) {
    const of = results.filter((result) => result.mode === mode && result.count === count);
    const cell = (key, digits = 1) => median(of.map((result) => result[key])).toFixed(digits);
    const name = mode === 'element' ? '`<license-overview>`' : 'plain DOM baseline';
    console.log(
      `| ${name} | ${count.toLocaleString('en-US')} | ${cell('firstRenderMs')} | ${cell('scrollMs')} | ${cell('scrollFrames', 0)} | ${cell('meanFrameMs')} | ${cell('maxFrameMs')} | ${cell('rowsInDom', 0)} | ${cell('wheelMeanFrameMs')} | ${cell('wheelMaxFrameMs')} |`,
    );
  }
}
