/**
 * Checks the bundle budget: what a page downloads on first load when a host bundles the published
 * dist/ with Lit and every runtime dependency, minified and gzipped (level 9). Chunks reached only
 * through `import()` load on demand and do not count toward first load.
 *
 * The host's bundler is modelled with rolldown (the bundler inside Vite). It splits code shared
 * with lazy chunks into several small chunks, and their number depends on the bundler and its
 * settings. So the first-load chunks are measured together, as one gzip stream, and the figure
 * counts the code rather than how one bundler cuts it. Run `npm run build` first.
 *
 * Usage: node scripts/check-size.mjs [--json] [--dist DIR]
 *   --dist DIR  measure a build in DIR instead of dist/ (for example `vite build --outDir DIR`);
 *               DIR must be inside the repository, so that Lit resolves from node_modules
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

const KB = 1024;

const distFlag = process.argv.indexOf('--dist');
const distDir = distFlag >= 0 ? process.argv[distFlag + 1] : 'dist';

/** Entry points and their first-load budgets in bytes. */
const BUDGETS = [
  { name: 'all three elements', entry: 'define.js', budget: 22 * KB },
  { name: '<license-overview>', entry: 'license-overview/define.js', budget: 14 * KB },
  { name: '<license-upload>', entry: 'license-upload/define.js', budget: 14 * KB },
  { name: '<offline-activation>', entry: 'offline-activation/define.js', budget: 14 * KB },
];

/** Collects a chunk and every chunk it imports statically, in load order. */
function staticChunks(chunks, fileName, found = new Map()) {
  if (found.has(fileName)) return found;
  const chunk = chunks.get(fileName);
  if (chunk === undefined) throw new Error(`"${fileName}" was not bundled: is ${distDir} inside the repository?`);
  for (const imported of chunk.imports) staticChunks(chunks, imported, found);
  found.set(fileName, chunk);
  return found;
}

const gzipBytes = (code) => gzipSync(code, { level: 9 }).length;

async function measure({ entry }) {
  const bundle = await rolldown({
    input: resolve(distDir, entry),
    // Lit's production build: its development build adds warnings that hosts do not ship.
    resolve: { conditionNames: ['production', 'import', 'module', 'browser', 'default'] },
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  await bundle.close();

  const chunks = new Map(output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const entryChunk = [...chunks.values()].find((chunk) => chunk.isEntry);
  const firstLoad = staticChunks(chunks, entryChunk.fileName);
  const onDemand = [...chunks.values()].filter((chunk) => !firstLoad.has(chunk.fileName));
  return {
    bytes: gzipBytes([...firstLoad.values()].map((chunk) => chunk.code).join('\n')),
    // For comparison: the same chunks served as separate gzipped files, as rolldown cut them.
    separateFilesBytes: [...firstLoad.values()].reduce((sum, chunk) => sum + gzipBytes(chunk.code), 0),
    firstLoadChunks: firstLoad.size,
    lazyBytes: gzipBytes(onDemand.map((chunk) => chunk.code).join('\n')),
  };
}

if (!existsSync(resolve(distDir, 'define.js'))) {
  console.error(`${distDir}/define.js is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const rows = [];
for (const budget of BUDGETS) rows.push({ ...budget, ...(await measure(budget)) });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (bytes) => (bytes / KB).toFixed(2).padStart(6);
  for (const row of rows) {
    const verdict = row.bytes <= row.budget ? 'ok' : 'OVER BUDGET';
    const lazy = row.lazyBytes > 0 ? `, +${kb(row.lazyBytes).trim()} KB on demand` : '';
    const split = `${kb(row.separateFilesBytes).trim()} KB as ${row.firstLoadChunks} separate files`;
    console.log(`${row.name.padEnd(22)} ${kb(row.bytes)} KB of ${row.budget / KB} KB  ${verdict.padEnd(11)} (${split}${lazy})`);
  }
}

const over = rows.filter((row) => row.bytes > row.budget);
if (over.length > 0) {
  console.error(`Bundle budget exceeded by: ${over.map((row) => row.name).join(', ')}`);
  process.exit(1);
}
