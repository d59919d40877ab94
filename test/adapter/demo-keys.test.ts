import '../helpers/setup.ts';
import { expect } from '@open-wc/testing';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  createDemoKey,
  DEMO_PRODUCTS,
  DEMO_VENDOR_SECRET,
  parseDemoKey,
  type DemoKeyFields,
  type DemoKeyProblem,
} from '../../src/adapter/memory/index.ts';
import { CROCKFORD_ALPHABET, encodeBits, encodeNumber, groupSymbols } from '../../src/internal/crockford.ts';

const KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/;

const BASE_FIELDS = {
  product: 'Mobile Token',
  seats: 150,
  expiresOn: '2027-01-31',
  issuedOn: '2026-01-31',
  serial: 'N8W4TQ2Z6H',
} satisfies Required<DemoKeyFields>;

/** Computes the checksum as the format documents it, independently of demo-keys.ts. */
function documentedChecksum(data: string): string {
  return encodeBits(hmac(sha256, utf8ToBytes(DEMO_VENDOR_SECRET), utf8ToBytes(`license|${data}`)), 5);
}

function expectProblem(input: string, problem: DemoKeyProblem, message: string): void {
  const result = parseDemoKey(input);
  expect(result.ok, `${message}: ${input} must be rejected`).to.equal(false);
  if (!result.ok) expect(result.problem, `${message}: problem for ${input}`).to.equal(problem);
}

function parsedKey(input: string): string {
  const result = parseDemoKey(input);
  if (!result.ok) throw new Error(`Expected ${input} to parse, but it failed with problem "${result.problem}"`);
  return result.key;
}

describe('demo-keys', () => {
  describe('createDemoKey and parseDemoKey', () => {
    for (const [index, product] of DEMO_PRODUCTS.entries()) {
      it(`round-trips a key for ${product}`, () => {
        const fields = { ...BASE_FIELDS, product, seats: 10 + index };
        const key = createDemoKey(fields);

        expect(key, 'five groups of five symbols').to.match(KEY_PATTERN);
        expect(key[0], 'first symbol is the product index').to.equal(CROCKFORD_ALPHABET[index]);

        const result = parseDemoKey(key);
        expect(result.ok, `${key} parses`).to.equal(true);
        if (!result.ok) return;
        expect(result.key, 'canonical key').to.equal(key);
        expect(result.fields, 'fields').to.deep.equal(fields);
      });
    }

    it('round-trips unlimited seats', () => {
      const result = parseDemoKey(createDemoKey({ ...BASE_FIELDS, seats: 'unlimited' }));
      expect(result.ok, 'parses').to.equal(true);
      if (result.ok) expect(result.fields.seats).to.equal('unlimited');
    });

    it('round-trips a perpetual expiry', () => {
      const result = parseDemoKey(createDemoKey({ ...BASE_FIELDS, expiresOn: null }));
      expect(result.ok, 'parses').to.equal(true);
      if (result.ok) expect(result.fields.expiresOn).to.equal(null);
    });

    const rangeEdges: Array<{ name: string; fields: Partial<DemoKeyFields> }> = [
      { name: 'one seat', fields: { seats: 1 } },
      { name: 'the largest seat count', fields: { seats: 32 ** 3 - 1 } },
      { name: 'the earliest expiry', fields: { issuedOn: '2000-01-01', expiresOn: '2000-01-02' } },
      { name: 'the latest expiry', fields: { expiresOn: '2089-09-17' } },
      { name: 'the earliest issue date', fields: { issuedOn: '2000-01-01' } },
      { name: 'a leap day', fields: { issuedOn: '2028-02-29', expiresOn: '2032-02-29' } },
    ];

    for (const { name, fields } of rangeEdges) {
      it(`round-trips ${name}`, () => {
        const expected = { ...BASE_FIELDS, ...fields };
        const result = parseDemoKey(createDemoKey(expected));
        expect(result.ok, 'parses').to.equal(true);
        if (result.ok) expect(result.fields).to.deep.equal(expected);
      });
    }

    it('draws a random serial when none is given', () => {
      const { serial: _serial, ...withoutSerial } = BASE_FIELDS;
      const first = parseDemoKey(createDemoKey(withoutSerial));
      const second = parseDemoKey(createDemoKey(withoutSerial));
      expect(first.ok, 'first key parses').to.equal(true);
      expect(second.ok, 'second key parses').to.equal(true);
      if (!first.ok || !second.ok) return;

      expect(first.fields.serial, 'serial symbols').to.match(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(first.fields.serial, 'two random serials differ').not.to.equal(second.fields.serial);
    });

    it('computes the checksum the format documents', () => {
      const symbols = createDemoKey(BASE_FIELDS).replaceAll('-', '');
      expect(symbols.slice(20), 'symbols 21-25').to.equal(documentedChecksum(symbols.slice(0, 20)));
    });
  });

  describe('createDemoKey input checks', () => {
    const invalid: Array<{ name: string; fields: Partial<DemoKeyFields>; message: string }> = [
      { name: 'unknown product', fields: { product: 'Coffee Machine' }, message: 'Unknown demo product' },
      { name: 'zero seats', fields: { seats: 0 }, message: 'seat count' },
      { name: 'negative seats', fields: { seats: -1 }, message: 'seat count' },
      { name: 'fractional seats', fields: { seats: 1.5 }, message: 'seat count' },
      { name: 'too many seats', fields: { seats: 32 ** 3 }, message: 'seat count' },
      { name: 'expiry on the epoch day', fields: { issuedOn: '2000-01-01', expiresOn: '2000-01-01' }, message: 'expiry' },
      { name: 'expiry before 2000', fields: { expiresOn: '1999-12-31' }, message: 'expiry' },
      { name: 'expiry after 2089-09-17', fields: { expiresOn: '2089-09-18' }, message: 'expiry' },
      { name: 'issue date before 2000', fields: { issuedOn: '1999-12-31' }, message: 'issue date' },
      { name: 'February 30', fields: { expiresOn: '2027-02-30' }, message: 'Invalid date' },
      { name: 'month 13', fields: { expiresOn: '2027-13-01' }, message: 'Invalid date' },
      { name: 'day-first date', fields: { issuedOn: '31/01/2026' }, message: 'Invalid date' },
      { name: 'unpadded date', fields: { issuedOn: '2026-1-5' }, message: 'Invalid date' },
      { name: 'timestamp for a date', fields: { issuedOn: '2026-01-31T00:00:00Z' }, message: 'Invalid date' },
    ];

    for (const { name, fields, message } of invalid) {
      it(`rejects ${name}`, () => {
        expect(() => createDemoKey({ ...BASE_FIELDS, ...fields })).to.throw(RangeError, message);
      });
    }

    const invalidSerials: Array<{ serial: string; reason: string }> = [
      { serial: 'N8W4TQ2Z6', reason: 'nine symbols' },
      { serial: 'N8W4TQ2Z6HX', reason: 'eleven symbols' },
      { serial: 'n8w4tq2z6h', reason: 'lower case' },
      { serial: 'N8W4TQ2ZOH', reason: 'the look-alike O' },
      { serial: 'N8W4TQ2ZUH', reason: 'U, outside the alphabet' },
      { serial: 'N8W4TQ2Z*H', reason: 'punctuation' },
      { serial: 'N8W4T-Q2Z6', reason: 'a hyphen' },
      { serial: 'N8W4TQ2ZÄH', reason: 'a letter outside ASCII' },
    ];

    for (const { serial, reason } of invalidSerials) {
      it(`rejects a serial with ${reason}`, () => {
        expect(() => createDemoKey({ ...BASE_FIELDS, serial })).to.throw(RangeError, 'Invalid serial');
      });
    }
  });

  describe('parseDemoKey canonical form', () => {
    // Serial with 0 and 1, so that look-alikes can stand in for them.
    const key = createDemoKey({ ...BASE_FIELDS, serial: 'A0B1C0D1EF' });
    const symbols = key.replaceAll('-', '');

    const variants: Array<{ name: string; input: string }> = [
      { name: 'canonical', input: key },
      { name: 'lower case', input: key.toLowerCase() },
      { name: 'groups joined by spaces', input: key.replaceAll('-', ' ') },
      { name: 'no hyphens', input: symbols },
      { name: 'extra hyphens and spaces', input: `-${groupSymbols(symbols, 2).replaceAll('-', ' - ')}-` },
      { name: 'surrounding tabs and newlines', input: `\t${key}\n` },
      { name: 'O for 0', input: key.replaceAll('0', 'O') },
      { name: 'o for 0', input: key.replaceAll('0', 'o') },
      { name: 'I for 1', input: key.replaceAll('1', 'I') },
      { name: 'L for 1', input: key.replaceAll('1', 'L') },
      { name: 'l for 1 in lower case', input: key.toLowerCase().replaceAll('1', 'l') },
    ];

    for (const { name, input } of variants) {
      it(`parses ${name}`, () => {
        expect(parsedKey(input)).to.equal(key);
      });
    }
  });

  describe('parseDemoKey rejections', () => {
    const keys = DEMO_PRODUCTS.map((product, index) =>
      createDemoKey({ ...BASE_FIELDS, product, seats: index === 0 ? 'unlimited' : 7 * index }),
    );

    it('fails the checksum for every single-symbol change', () => {
      let changes = 0;
      for (const key of keys) {
        const symbols = key.replaceAll('-', '');
        for (let index = 0; index < symbols.length; index++) {
          for (const symbol of CROCKFORD_ALPHABET) {
            if (symbol === symbols[index]) continue;
            const changed = groupSymbols(symbols.slice(0, index) + symbol + symbols.slice(index + 1), 5);
            changes++;
            expectProblem(changed, 'checksum', `symbol ${index + 1} of ${key} changed to ${symbol}`);
          }
        }
      }
      expect(changes, 'changes tried').to.equal(keys.length * 25 * 31);
    });

    it('reports characters outside the alphabet', () => {
      const key = keys[1]!;
      for (const char of ['U', 'u', '*', '#', 'Ä', 'ß', '_']) {
        for (const index of [0, 12, 28]) {
          const changed = key.slice(0, index) + char + key.slice(index + 1);
          expectProblem(changed, 'characters', `character ${index + 1} changed to ${char}`);
        }
      }
    });

    const lengths: Array<{ name: string; input: string }> = [
      { name: 'empty', input: '' },
      { name: 'only separators', input: ' - - ' },
      { name: '24 symbols', input: keys[0]!.slice(0, -1) },
      { name: '26 symbols', input: `${keys[0]!}0` },
      { name: 'two keys', input: `${keys[0]!} ${keys[1]!}` },
    ];

    for (const { name, input } of lengths) {
      it(`reports the length of ${name}`, () => {
        expectProblem(input, 'length', name);
      });
    }

    it('reports an unknown product index with a valid checksum', () => {
      const rest = createDemoKey(BASE_FIELDS).replaceAll('-', '').slice(1, 20);
      for (let index = DEMO_PRODUCTS.length; index < 32; index++) {
        const data = encodeNumber(index, 1) + rest;
        expectProblem(groupSymbols(data + documentedChecksum(data), 5), 'product', `product index ${index}`);
      }
    });
  });
});
