import '../helpers/setup.ts';
import { expect } from '@open-wc/testing';
import {
  CROCKFORD_ALPHABET,
  decodeNumber,
  encodeBits,
  encodeNumber,
  groupSymbols,
  isValidCheckedGroup,
  luhnCheckSymbol,
  normalizeCrockford,
} from '../../src/internal/crockford.ts';

/** A seeded pseudo-random generator (mulberry32), so a failing group can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomSymbols(random: () => number, length: number): string {
  let result = '';
  for (let index = 0; index < length; index++) result += CROCKFORD_ALPHABET[Math.floor(random() * 32)];
  return result;
}

function checkedGroup(data: string): string {
  return data + luhnCheckSymbol(data);
}

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

function swapAt(text: string, index: number): string {
  return text.slice(0, index) + text[index + 1] + text[index] + text.slice(index + 2);
}

/**
 * Returns a valid 5-symbol group with `first` at `index` and `second` at `index + 1`. When the pair
 * ends at the check symbol, the first data symbol is chosen so that the check symbol is `second`.
 */
function validGroupWith(index: number, first: string, second: string): string {
  if (index < 3) return checkedGroup(replaceAt(replaceAt('7K3Q', index, first), index + 1, second));

  for (const lead of CROCKFORD_ALPHABET) {
    const data = `${lead}K3${first}`;
    if (luhnCheckSymbol(data) === second) return data + second;
  }
  throw new Error(`No group ends in ${first}${second}`);
}

describe('crockford', () => {
  describe('alphabet', () => {
    it('has 32 distinct symbols without I, L, O, U', () => {
      expect(CROCKFORD_ALPHABET.length, 'alphabet length').to.equal(32);
      expect(new Set(CROCKFORD_ALPHABET).size, 'distinct symbols').to.equal(32);
      for (const excluded of ['I', 'L', 'O', 'U']) {
        expect(CROCKFORD_ALPHABET, `alphabet must not contain ${excluded}`).not.to.include(excluded);
      }
    });
  });

  describe('normalizeCrockford', () => {
    const cases: Array<{ input: string; expected: string; reason: string }> = [
      { input: 'abcde', expected: 'ABCDE', reason: 'lower case becomes upper case' },
      { input: 'AB CD  E', expected: 'ABCDE', reason: 'spaces are dropped' },
      { input: 'AB-CD--E', expected: 'ABCDE', reason: 'hyphens are dropped' },
      { input: ' a-b c ', expected: 'ABC', reason: 'leading and trailing spaces and hyphens are dropped' },
      { input: 'O0o', expected: '000', reason: 'O and o stand for 0' },
      { input: 'I1iLl', expected: '11111', reason: 'I, i, L and l stand for 1' },
      { input: 'U', expected: 'U', reason: 'U is outside the alphabet and kept' },
      { input: 'u', expected: 'U', reason: 'u is upper-cased and kept' },
      { input: 'AB*C', expected: 'AB*C', reason: 'punctuation is kept' },
      { input: 'AB_C.D', expected: 'AB_C.D', reason: 'underscore and dot are kept' },
      { input: 'AB\tC', expected: 'AB\tC', reason: 'a tab is not a space and is kept' },
      { input: 'Ä', expected: 'Ä', reason: 'letters outside ASCII are kept' },
      { input: 'ß', expected: 'ß', reason: 'ß is kept, not expanded to the valid symbols SS' },
      { input: 'ı', expected: 'ı', reason: 'dotless i is kept, not turned into I and then 1' },
      { input: 'ﬀ', expected: 'ﬀ', reason: 'the ff ligature is kept, not expanded to FF' },
      { input: '', expected: '', reason: 'empty stays empty' },
    ];

    for (const { input, expected, reason } of cases) {
      it(`${JSON.stringify(input)}: ${reason}`, () => {
        expect(normalizeCrockford(input)).to.equal(expected);
      });
    }

    it('keeps every alphabet symbol', () => {
      expect(normalizeCrockford(CROCKFORD_ALPHABET)).to.equal(CROCKFORD_ALPHABET);
      expect(normalizeCrockford(CROCKFORD_ALPHABET.toLowerCase()), 'lower-case alphabet').to.equal(CROCKFORD_ALPHABET);
    });
  });

  describe('encodeNumber and decodeNumber', () => {
    const cases: Array<{ value: number; length: number; symbols: string }> = [
      { value: 0, length: 1, symbols: '0' },
      { value: 31, length: 1, symbols: 'Z' },
      { value: 0, length: 3, symbols: '000' },
      { value: 32, length: 2, symbols: '10' },
      { value: 1023, length: 2, symbols: 'ZZ' },
      { value: 150, length: 3, symbols: '04P' },
      { value: 32 ** 3 - 1, length: 3, symbols: 'ZZZ' },
      { value: 32 ** 10 - 1, length: 10, symbols: 'ZZZZZZZZZZ' },
    ];

    for (const { value, length, symbols } of cases) {
      it(`${value} in ${length} symbols is ${symbols}`, () => {
        expect(encodeNumber(value, length), 'encoded').to.equal(symbols);
        expect(decodeNumber(symbols), 'decoded').to.equal(value);
      });
    }

    it('round-trips every value of two symbols', () => {
      for (let value = 0; value < 32 ** 2; value++) {
        const symbols = encodeNumber(value, 2);
        expect(symbols.length, `length of ${value}`).to.equal(2);
        expect(decodeNumber(symbols), `decoded ${symbols}`).to.equal(value);
      }
    });

    const outOfRange: Array<{ value: number; length: number; reason: string }> = [
      { value: -1, length: 3, reason: 'negative' },
      { value: 32 ** 3, length: 3, reason: 'one past the largest value' },
      { value: 1.5, length: 3, reason: 'not an integer' },
      { value: Number.NaN, length: 3, reason: 'NaN' },
      { value: Number.POSITIVE_INFINITY, length: 3, reason: 'infinite' },
      { value: 1, length: 0, reason: 'no symbols to hold it' },
    ];

    for (const { value, length, reason } of outOfRange) {
      it(`encodeNumber rejects ${value} in ${length} symbols (${reason})`, () => {
        expect(() => encodeNumber(value, length)).to.throw(RangeError, 'does not fit');
      });
    }

    it('decodeNumber returns NaN outside the alphabet', () => {
      for (const symbols of ['U', '1O', 'a', 'A-B', ' ']) {
        expect(decodeNumber(symbols), JSON.stringify(symbols)).to.be.NaN;
      }
    });
  });

  describe('encodeBits', () => {
    it('reads bits most significant first', () => {
      expect(encodeBits(new Uint8Array([0b00001_000, 0b11111_000]), 1), 'first five bits').to.equal('1');
      expect(encodeBits(new Uint8Array([0b00000_111, 0b11_00000_0]), 2), 'bits 6 to 10 span a byte').to.equal('0Z');
      expect(encodeBits(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), 8), '40 set bits').to.equal('ZZZZZZZZ');
    });

    it('pads with zero bits past the last byte', () => {
      expect(encodeBits(new Uint8Array([0xff]), 2)).to.equal('ZW');
    });
  });

  describe('luhnCheckSymbol', () => {
    // Luhn mod 32 weights symbols 2, 1, 2, 1 ... from the right of the data, adding the base-32
    // digits of each doubled value; the check symbol brings the sum to a multiple of 32.
    const cases: Array<{ data: string; check: string }> = [
      { data: '0000', check: '0' },
      { data: '0001', check: 'Y' },
      { data: '000G', check: 'Z' },
      { data: '0010', check: 'Z' },
      { data: 'ZZZZ', check: '4' },
    ];

    for (const { data, check } of cases) {
      it(`check symbol of ${data} is ${check}`, () => {
        expect(luhnCheckSymbol(data)).to.equal(check);
        expect(isValidCheckedGroup(data + check), `${data + check} is valid`).to.equal(true);
      });
    }

    it('detects every single-symbol substitution', () => {
      const random = seededRandom(0x5eed);
      let substitutions = 0;
      for (let sample = 0; sample < 300; sample++) {
        const group = checkedGroup(randomSymbols(random, 4));
        expect(isValidCheckedGroup(group), `${group} is valid`).to.equal(true);

        for (let index = 0; index < group.length; index++) {
          for (const symbol of CROCKFORD_ALPHABET) {
            if (symbol === group[index]) continue;
            const changed = replaceAt(group, index, symbol);
            substitutions++;
            expect(isValidCheckedGroup(changed), `${group} with symbol ${index} changed to ${symbol}`).to.equal(false);
          }
        }
      }
      expect(substitutions, 'substitutions tried').to.equal(300 * 5 * 31);
    });

    it('detects every neighbour swap except 0 with Z', () => {
      // Swapping neighbours a and b goes unnoticed when doubling changes both by the same amount
      // modulo 32. Doubling adds d for d < 16 and d - 31 for d >= 16, which agree modulo 32 only
      // for 0 and 31 (Z). So of the 32 * 31 ordered pairs of distinct symbols, exactly 2 are missed.
      const random = seededRandom(0x7a5);
      let swaps = 0;
      let missed = 0;
      for (let sample = 0; sample < 2000; sample++) {
        const group = checkedGroup(randomSymbols(random, 4));
        for (let index = 0; index < group.length - 1; index++) {
          if (group[index] === group[index + 1]) continue;
          const swapped = swapAt(group, index);
          const pair = [group[index], group[index + 1]].sort().join('');
          swaps++;
          if (isValidCheckedGroup(swapped)) {
            missed++;
            expect(pair, `${group} to ${swapped} passed, but only 0 with Z may`).to.equal('0Z');
          } else {
            expect(pair, `${group} to ${swapped} was caught, but 0 with Z cannot be`).not.to.equal('0Z');
          }
        }
      }
      expect(swaps, 'swaps tried').to.be.greaterThan(7000);
      expect(missed / swaps, `missed ${missed} of ${swaps} swaps`).to.be.at.most(0.01);
    });

    it('misses exactly 2 of the 992 ordered neighbour pairs', () => {
      for (const index of [0, 1, 2, 3]) {
        let missed = 0;
        for (const first of CROCKFORD_ALPHABET) {
          for (const second of CROCKFORD_ALPHABET) {
            if (first === second) continue;
            const group = validGroupWith(index, first, second);
            expect(isValidCheckedGroup(group), `${group} is valid`).to.equal(true);
            if (isValidCheckedGroup(swapAt(group, index))) missed++;
          }
        }
        expect(missed, `missed pairs at positions ${index} and ${index + 1}`).to.equal(2);
      }
    });
  });

  describe('isValidCheckedGroup', () => {
    const cases: Array<{ group: string; valid: boolean; reason: string }> = [
      { group: '00000', valid: true, reason: 'all zeros' },
      { group: '0001Y', valid: true, reason: 'valid check symbol' },
      { group: '0001Z', valid: false, reason: 'wrong check symbol' },
      { group: '0', valid: false, reason: 'no data symbol' },
      { group: '', valid: false, reason: 'empty' },
      { group: '0001y', valid: false, reason: 'lower case is not normalized here' },
      { group: 'U0000', valid: false, reason: 'U is outside the alphabet' },
      { group: '00 00', valid: false, reason: 'a space is outside the alphabet' },
    ];

    for (const { group, valid, reason } of cases) {
      it(`${JSON.stringify(group)}: ${reason}`, () => {
        expect(isValidCheckedGroup(group)).to.equal(valid);
      });
    }
  });

  describe('groupSymbols', () => {
    const cases: Array<{ symbols: string; size: number; expected: string }> = [
      { symbols: 'ABCDEFGHJK', size: 5, expected: 'ABCDE-FGHJK' },
      { symbols: 'ABCDEFG', size: 5, expected: 'ABCDE-FG' },
      { symbols: 'ABC', size: 5, expected: 'ABC' },
      { symbols: 'ABCDEF', size: 2, expected: 'AB-CD-EF' },
      { symbols: 'ABC', size: 1, expected: 'A-B-C' },
      { symbols: '', size: 5, expected: '' },
    ];

    for (const { symbols, size, expected } of cases) {
      it(`${JSON.stringify(symbols)} in groups of ${size}`, () => {
        expect(groupSymbols(symbols, size)).to.equal(expected);
      });
    }

    it('rejects a group size below 1', () => {
      for (const size of [0, -1, 1.5, Number.NaN]) {
        expect(() => groupSymbols('ABC', size), `size ${size}`).to.throw(RangeError, 'group size');
      }
    });
  });
});
