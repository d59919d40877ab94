/**
 * Times `normalizeKey` on large pastes, to show that its running time grows linearly with the
 * length of the text. Bundles src/license-upload/normalize-key.ts with rolldown, then runs each
 * case several times in Node and prints the median.
 *
 * Usage: node scripts/bench-normalize.mjs [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const RUNS = 7;
const KIB = 1024;

async function loadNormalizer() {
  const directory = mkdtempSync(join(tmpdir(), 'bench-normalize-'));
  try {
    const bundle = await rolldown({ input: resolve('src/license-upload/normalize-key.ts'), logLevel: 'silent' });
    await bundle.write({ dir: directory, format: 'es', entryFileNames: 'normalize-key.mjs' });
    await bundle.close();
    return await import(pathToFileURL(join(directory, 'normalize-key.mjs')).href);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Repeats `unit` until the text is `bytes` long. */
function repeatTo(unit, bytes) {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const BASE64_LINE = 'eyJlbmMiOiJleUp3Y205a2RXTjBJam9nSWtWNFlXMXdiR1VnVFVaQklGTmxjblps';

/** Texts of about `bytes` characters, each with a different kind of damage or none. */
function cases(bytes) {
  return [
    { name: 'clean base64 blob, 64-character lines', text: repeatTo(`${BASE64_LINE}\n`, bytes) },
    { name: 'blob with CRLF, NBSP and zero-width spaces', text: repeatTo(`${BASE64_LINE.slice(0, 30)}\u200b\u00a0${BASE64_LINE.slice(30)}\r\n`, bytes) },
    {
      name: 'armored block, line breaks turned to spaces',
      text: `Hello,\n-----BEGIN LICENSE FILE----- ${repeatTo(`${BASE64_LINE} `, bytes)}-----END LICENSE FILE-----\nRegards`,
    },
    { name: 'typographic dashes and full-width letters', text: repeatTo('ＢＸＫ7Ｔ–9ＱＷＦ3—', bytes) },
    { name: 'one line of dashes', text: '-'.repeat(bytes) },
    { name: 'BEGIN without END, repeated', text: repeatTo('--BEGIN X ', bytes) },
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const { normalizeKey } = await loadNormalizer();
const rows = [];
for (const bytes of [256 * KIB, 1024 * KIB]) {
  for (const { name, text } of cases(bytes)) {
    const times = [];
    let outcome = '';
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const result = normalizeKey(text);
      times.push(performance.now() - start);
      outcome = result.ok ? 'ok' : result.problem.kind;
    }
    rows.push({ name, kib: Math.round(text.length / KIB), medianMs: Number(median(times).toFixed(1)), outcome });
  }
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`normalizeKey, median of ${RUNS} runs, Node ${process.versions.node}`);
  for (const row of rows) {
    console.log(`${String(row.kib).padStart(5)} KiB  ${row.medianMs.toFixed(1).padStart(7)} ms  ${row.name} (${row.outcome})`);
  }
}
