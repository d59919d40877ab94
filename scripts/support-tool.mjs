#!/usr/bin/env node
/**
 * The support engineer's tool: issues demo license keys and turns a challenge key into its
 * response key. It runs the same code as the reference server (server/vendor/signed-keys.js) and
 * the demo's support box (src/adapter/memory/offline-codes.ts), so what it issues the server
 * accepts. Run `node scripts/support-tool.mjs help` for the commands.
 */
import { parseArgs } from 'node:util';
import '../server/register-ts.js';

const { computeResponseKey } = await import('../src/adapter/memory/offline-codes.ts');
const { createDemoKey, parseDemoKey } = await import('../src/adapter/memory/demo-keys.ts');
const { issueLicenseKey, verifyLicenseKey, VENDOR_PRODUCTS, isoDateFrom } = await import('../server/vendor/signed-keys.js');

const USAGE = `Usage: node scripts/support-tool.mjs <command> [options]

Commands:
  respond <challenge key>   Prints the response key for an offline challenge key. The key may be
                            typed as read aloud: any case, spaces or hyphens between groups.
  issue-key                 Prints a new demo license key.
      --product NAME        Product name (required); see the products command.
      --seats N             Seats bought, or "unlimited" (default 100).
      --expires DATE        Last valid day as YYYY-MM-DD, "never", or +DAYS from today (default +365).
      --issued DATE         Issue day as YYYY-MM-DD (default today, UTC).
      --format FORMAT       "signed": an Ed25519-signed key for the reference server (default).
                            "memory": a 25-symbol key for the in-memory adapter.
  verify <key>              Checks a license key in either format and prints its fields.
  products                  Lists the demo vendor's products.
  help                      Prints this text.

The demo vendor's keys are public: keys issued here serve demos and tests only.`;

class UsageError extends Error {}

/** @param {string | undefined} value */
function parseExpiry(value, today) {
  if (value === undefined) return isoDateFrom(today, 365);
  if (value === 'never') return null;
  if (/^\+\d+$/.test(value)) return isoDateFrom(today, Number(value.slice(1)));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new UsageError(`Invalid --expires "${value}": expected YYYY-MM-DD, "never" or +DAYS.`);
}

/** @param {string | undefined} value */
function parseSeats(value) {
  if (value === undefined) return 100;
  if (value === 'unlimited') return 'unlimited';
  const seats = Number(value);
  if (!Number.isInteger(seats) || seats < 1) throw new UsageError(`Invalid --seats "${value}": expected a whole number of at least 1 or "unlimited".`);
  return seats;
}

function issueKey(values) {
  const product = values.product;
  if (product === undefined) throw new UsageError('issue-key needs --product; run the products command for the names.');
  if (!VENDOR_PRODUCTS.includes(product)) throw new UsageError(`Unknown product "${product}": expected one of ${VENDOR_PRODUCTS.join(', ')}.`);
  const today = Date.now();
  const fields = {
    product,
    seats: parseSeats(values.seats),
    issuedOn: values.issued ?? isoDateFrom(today, 0),
    expiresOn: parseExpiry(values.expires, today),
  };
  const format = values.format ?? 'signed';
  if (format === 'signed') return issueLicenseKey(fields);
  if (format === 'memory') return createDemoKey(fields);
  throw new UsageError(`Invalid --format "${format}": expected "signed" or "memory".`);
}

function verifyKey(key) {
  const signed = verifyLicenseKey(key);
  if (signed.ok) return `Valid signed key (reference server)\n${JSON.stringify(signed.fields, null, 2)}`;
  const memory = parseDemoKey(key);
  if (memory.ok) return `Valid demo key (in-memory adapter): ${memory.key}\n${JSON.stringify(memory.fields, null, 2)}`;
  throw new UsageError(`Invalid key: as a signed key, ${signed.problem}; as an in-memory demo key, the ${memory.problem} check fails.`);
}

function run(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      product: { type: 'string' },
      seats: { type: 'string' },
      expires: { type: 'string' },
      issued: { type: 'string' },
      format: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'respond': {
      if (rest.length === 0) throw new UsageError('respond needs the challenge key.');
      const response = computeResponseKey(rest.join(' '));
      if (response === null) throw new UsageError('The challenge key is malformed: a group is missing or fails its check symbol. Ask the admin to read it again.');
      return response;
    }
    case 'issue-key':
      return issueKey(values);
    case 'verify':
      if (rest.length === 0) throw new UsageError('verify needs the key.');
      return verifyKey(rest.join(''));
    case 'products':
      return VENDOR_PRODUCTS.join('\n');
    case 'help':
    case undefined:
      return USAGE;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

try {
  console.log(run(process.argv.slice(2)));
} catch (error) {
  console.error(error instanceof UsageError || error instanceof RangeError || error instanceof TypeError ? error.message : error);
  process.exit(2);
}
