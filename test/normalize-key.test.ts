import './helpers/setup.ts';
import { expect } from '@open-wc/testing';
import { normalizeKey, type GroupedKeyFormat, type KeyProblem, type KeyRepair } from '../src/index.ts';
import { hasValidLuhnSymbol } from '../src/license-upload/grouped-key.ts';

/** A grouped key of the common five-by-five shape, made up. */
const KEY = 'BXK7T-9QWF3-MR2HY-6CDPV-J4G8X';

/** The demo vendor's format: five groups of five Crockford base32 symbols. */
const FORMAT: GroupedKeyFormat = {
  alphabet: '0123456789ABCDEFGHJKMNPQRSTVWXYZ',
  groupSizes: [5, 5, 5, 5, 5],
  separator: '-',
  lookAlikes: { O: '0', I: '1', L: '1' },
};

/** Four groups of five whose last symbol is the Luhn mod 32 check symbol of the others. */
const LUHN_FORMAT: GroupedKeyFormat = { ...FORMAT, groupSizes: [5, 5, 5, 5], groupCheck: 'luhn' };

/** Appends the Luhn mod 32 check symbol to each group of four data symbols. */
function withCheckSymbols(groups: string[]): string {
  return groups
    .map((data) => [...FORMAT.alphabet].map((symbol) => data + symbol).find((group) => hasValidLuhnSymbol(group, FORMAT.alphabet))!)
    .join('-');
}

const LUHN_KEY = withCheckSymbols(['7K3Q', '9XPD', 'M2VF', 'B4G8']);

/** A base64 license body cut into 64-character lines, as license files ship it. */
const BASE64_BODY = btoa(
  JSON.stringify({ product: 'Example MFA Server', seats: 250, expiry: '2027-06-30', signature: 'c2lnbmF0dXJlIG9mIHRoZSBleGFtcGxlIHZlbmRvcg' }),
);
const BODY_LINES = BASE64_BODY.match(/.{1,64}/g)!;
const ARMORED = ['-----BEGIN LICENSE FILE-----', ...BODY_LINES, '-----END LICENSE FILE-----'].join('\n');

/** A block whose lines carry data: a name with spaces, a seat count, a serial and a signature line. */
const DATA_LINES = ['Example Corp', '250 User License', 'EA7E-1122334', '5F0C 9A1B 77E2 03D4 C6B8 11F0 2A9E 4D3C'];
const DATA_BLOCK = ['----- BEGIN LICENSE -----', ...DATA_LINES, '----- END LICENSE -----'].join('\n');

/** A bare base64 blob: a license file's content without armor lines, wrapped at 60 characters. */
const BLOB_LINES = btoa('Example vendor license blob, signed and encrypted for the example customer. '.repeat(3)).match(/.{1,60}/g)!;
const BLOB = BLOB_LINES.join('\n');

/** A signed token in the header.payload.signature shape. */
const TOKEN = `${btoa('{"alg":"EdDSA","typ":"JWT"}').replace(/=+$/, '')}.${btoa('{"sub":"example-license","seats":250}').replace(/=+$/, '')}.c2lnbmF0dXJlX2V4YW1wbGVfb25seQ`;

interface Case {
  name: string;
  input: string;
  format?: GroupedKeyFormat;
  /** The key sent, when the text is accepted. */
  key?: string;
  /** The problem reported, when it is not. */
  problem?: KeyProblem;
  /** Every repair listed, in order. */
  repairs: KeyRepair[];
}

/** Texts that must come out exactly as they went in, with no repair listed. */
const UNCHANGED: Array<{ name: string; input: string; format?: GroupedKeyFormat }> = [
  { name: 'five groups of five', input: KEY },
  { name: 'six groups of six with a suffix', input: '4F81A2-9C03DE-77B1F0-E2A94C-0D5B36-V3' },
  { name: 'four groups of four', input: 'ACME-7K3Q-9XPD-M2VF' },
  { name: 'hexadecimal without separators', input: '9f3a61c0b27e4d58a1f6c3e09b7d2a4c5e8f1b03' },
  { name: 'Crockford base32 without separators', input: 'BXK7T9QWF3MR2HY6CDPVJ4G8X' },
  { name: 'key with one extra character', input: `${KEY}K` },
  { name: 'key with one missing character', input: KEY.slice(0, -1) },
  { name: 'groups separated by spaces', input: 'BXK7T 9QWF3 MR2HY 6CDPV J4G8X' },
  { name: 'armored license file', input: ARMORED },
  { name: 'block with data lines', input: DATA_BLOCK },
  { name: 'bare base64 blob', input: BLOB },
  { name: 'signed token', input: TOKEN },
  { name: 'short text repeated', input: 'ABAB' },
  { name: 'canonical key with a format', input: KEY, format: FORMAT },
  { name: 'key with check symbols', input: LUHN_KEY, format: LUHN_FORMAT },
];

const DAMAGE_ALONE: Case[] = [
  { name: 'surrounding blank lines and spaces', input: `\n\n   ${KEY}  \n\n`, key: KEY, repairs: ['surrounding-whitespace'] },
  { name: 'byte-order mark', input: `\uFEFF${KEY}`, key: KEY, repairs: ['invisible-characters'] },
  { name: 'zero-width space inside', input: `BXK7T-9QW\u200BF3-MR2HY\u200D-6CDPV-J4G8X`, key: KEY, repairs: ['invisible-characters'] },
  { name: 'soft hyphen and direction marks', input: `\u200EBXK7T-9QWF3\u00AD-MR2HY-6CDPV-J4G8X\u202C`, key: KEY, repairs: ['invisible-characters'] },
  {
    name: 'no-break spaces in a data line',
    input: DATA_BLOCK.replace('Example Corp', 'Example\u00A0Corp'),
    key: DATA_BLOCK,
    repairs: ['unusual-spaces'],
  },
  { name: 'ideographic space around a key', input: `\u3000${KEY}\u2003`, key: KEY, repairs: ['unusual-spaces', 'surrounding-whitespace'] },
  { name: 'en dash', input: KEY.replace('-', '\u2013'), key: KEY, repairs: ['dashes'] },
  { name: 'em dash', input: KEY.replace('-', '\u2014'), key: KEY, repairs: ['dashes'] },
  { name: 'minus sign', input: KEY.replaceAll('-', '\u2212'), key: KEY, repairs: ['dashes'] },
  { name: 'non-breaking hyphen', input: KEY.replace('-', '\u2011'), key: KEY, repairs: ['dashes'] },
  { name: 'full-width letters and digits', input: 'ＢＸＫ７Ｔ-9QWF3-MR2HY-6CDPV-J4G8X', key: KEY, repairs: ['compatibility-forms'] },
  { name: 'mathematical bold letters', input: `\u{1D401}XK7T-9QWF3-MR2HY-6CDPV-J4G8X`, key: KEY, repairs: ['compatibility-forms'] },
  { name: 'label License key', input: `License key: ${KEY}`, key: KEY, repairs: ['label'] },
  { name: 'label on its own line', input: `Your licence key:\n${KEY}`, key: KEY, repairs: ['label'] },
  { name: 'label Product Key', input: `Product Key:${KEY}`, key: KEY, repairs: ['label'] },
  {
    name: 'armored file with CRLF',
    input: ARMORED.replaceAll('\n', '\r\n'),
    key: ARMORED,
    repairs: ['line-endings'],
  },
  { name: 'armored file with lone CR', input: ARMORED.replaceAll('\n', '\r'), key: ARMORED, repairs: ['line-endings'] },
  { name: 'armored file with line breaks as spaces', input: ARMORED.replaceAll('\n', ' '), key: ARMORED, repairs: ['line-breaks'] },
  {
    name: 'armored file with line breaks removed',
    input: ARMORED.replaceAll('\n', ''),
    key: ['-----BEGIN LICENSE FILE-----', ...BASE64_BODY.match(/.{1,64}/g)!, '-----END LICENSE FILE-----'].join('\n'),
    repairs: ['line-breaks'],
  },
  { name: 'armored file with trailing spaces', input: ARMORED.replaceAll('\n', '  \n'), key: ARMORED, repairs: ['line-breaks'] },
  { name: 'armored file with blank lines between', input: ARMORED.replaceAll('\n', '\n\n'), key: ARMORED, repairs: ['line-breaks'] },
  {
    name: 'armored file in e-mail text',
    input: `Hello,\n\nhere is your license:\n\n${ARMORED}\n\nBest regards,\nExample Vendor`,
    key: ARMORED,
    repairs: ['surrounding-text'],
  },
  {
    name: 'armored file with typographic dashes in its lines',
    input: ARMORED.replace('-----BEGIN', '\u2014\u2014-BEGIN').replace('-----\n', '\u2013\u2013\u2013\u2013\u2013\n'),
    key: ARMORED,
    repairs: ['armor-lines'],
  },
  {
    name: 'data block with CRLF and trailing spaces',
    input: DATA_BLOCK.replaceAll('\n', '   \r\n'),
    key: DATA_BLOCK,
    repairs: ['line-endings'],
  },
  {
    name: 'indented data block',
    input: DATA_BLOCK.split('\n')
      .map((line) => `    ${line}`)
      .join('\n'),
    key: DATA_BLOCK,
    repairs: ['surrounding-whitespace'],
  },
  {
    name: 'data block keeps a spaced en dash',
    input: DATA_BLOCK.replace('Example Corp', 'Example Corp \u2013 Berlin'),
    key: DATA_BLOCK.replace('Example Corp', 'Example Corp \u2013 Berlin'),
    repairs: [],
  },
  { name: 'signed token with line breaks', input: `${TOKEN.slice(0, 40)}\n${TOKEN.slice(40, 90)}\n${TOKEN.slice(90)}`, key: TOKEN, repairs: ['line-breaks'] },
  { name: 'signed token with spaces', input: `${TOKEN.slice(0, 40)} ${TOKEN.slice(40)}`, key: TOKEN, repairs: ['line-breaks'] },
  { name: 'bare blob with line breaks as spaces', input: BLOB_LINES.join(' '), key: BLOB, repairs: ['line-breaks'] },
  { name: 'bare blob with blank lines', input: BLOB_LINES.join('\n\n'), key: BLOB, repairs: ['surrounding-whitespace'] },
  { name: 'key broken at a hyphen', input: 'BXK7T-9QWF3-\nMR2HY-6CDPV-J4G8X', key: KEY, repairs: ['line-breaks'] },
];

const REPORTED: Case[] = [
  { name: 'only invisible characters', input: '\uFEFF\u200B \n', problem: { kind: 'empty' }, repairs: ['invisible-characters', 'surrounding-whitespace'] },
  { name: 'only a label', input: 'License key:', problem: { kind: 'empty' }, repairs: ['label'] },
  { name: 'key pasted twice on one line', input: `${KEY} ${KEY}`, problem: { kind: 'duplicate' }, repairs: [] },
  { name: 'key pasted twice without a space', input: `${KEY}${KEY}`, problem: { kind: 'duplicate' }, repairs: [] },
  { name: 'key pasted twice on two lines', input: `${KEY}\n${KEY}`, problem: { kind: 'duplicate' }, repairs: [] },
  { name: 'key pasted twice with a hyphen', input: `${KEY}-${KEY}`, problem: { kind: 'duplicate' }, repairs: [] },
  { name: 'armored file pasted twice', input: `${ARMORED}\n\n${ARMORED}`, problem: { kind: 'duplicate' }, repairs: [] },
  {
    name: 'two different armored files',
    input: `${ARMORED}\n${DATA_BLOCK}`,
    problem: { kind: 'several-keys', count: 2 },
    repairs: [],
  },
  { name: 'BEGIN line without END line', input: ARMORED.split('\n').slice(0, -2).join('\n'), problem: { kind: 'missing-end' }, repairs: [] },
  { name: 'END line without BEGIN line', input: ARMORED.split('\n').slice(2).join('\n'), problem: { kind: 'missing-begin' }, repairs: [] },
  { name: 'data block on one line', input: DATA_BLOCK.replaceAll('\n', ' '), problem: { kind: 'lost-line-breaks' }, repairs: [] },
];

const WITH_FORMAT: Case[] = [
  { name: 'lower case with spaces', input: 'bxk7t 9qwf3 mr2hy 6cdpv j4g8x', format: FORMAT, key: KEY, repairs: ['case', 'separators'] },
  { name: 'no separators', input: 'BXK7T9QWF3MR2HY6CDPVJ4G8X', format: FORMAT, key: KEY, repairs: ['separators'] },
  {
    name: 'separator in the wrong place',
    input: 'BXK7-T9QWF3-MR2HY-6CDPV-J4G8X',
    format: FORMAT,
    problem: { kind: 'group-length', group: 1, expected: 5, actual: 4 },
    repairs: [],
  },
  { name: 'groups split across lines', input: 'BXK7T-9QWF3\nMR2HY 6CDPV\n\nJ4G8X', format: FORMAT, key: KEY, repairs: ['separators', 'surrounding-whitespace'] },
  { name: 'look-alike O for zero', input: 'BXK7T-OQWF3-MR2HY-6CDPV-J4G8X', format: FORMAT, key: 'BXK7T-0QWF3-MR2HY-6CDPV-J4G8X', repairs: ['look-alikes'] },
  {
    name: 'missing character in group 3',
    input: 'BXK7T-9QWF3-MR2H-6CDPV-J4G8X',
    format: FORMAT,
    problem: { kind: 'group-length', group: 3, expected: 5, actual: 4 },
    repairs: [],
  },
  {
    name: 'extra character in group 5',
    input: `${KEY}K`,
    format: FORMAT,
    problem: { kind: 'group-length', group: 5, expected: 5, actual: 6 },
    repairs: [],
  },
  {
    name: 'missing group',
    input: 'BXK7T-9QWF3-MR2HY-6CDPV',
    format: FORMAT,
    problem: { kind: 'group-count', expected: 5, actual: 4 },
    repairs: [],
  },
  {
    name: 'missing character without separators',
    input: 'BXK7T9QWF3MR2HY6CDPVJ4G8',
    format: FORMAT,
    problem: { kind: 'length', expected: 25, actual: 24 },
    repairs: [],
  },
  {
    name: 'character outside the alphabet',
    input: 'BXK7T-9QWF3-MR#HY-6CDPV-J4G8X',
    format: FORMAT,
    problem: { kind: 'invalid-character', character: '#', group: 3 },
    repairs: [],
  },
  { name: 'key pasted twice', input: `${KEY} ${KEY.toLowerCase()}`, format: FORMAT, problem: { kind: 'duplicate' }, repairs: ['case'] },
  {
    name: 'two different keys',
    input: `${KEY} BXK7T-9QWF3-MR2HY-6CDPV-J4G8Y`,
    format: FORMAT,
    problem: { kind: 'several-keys', count: 2 },
    repairs: [],
  },
  {
    name: 'mistyped symbol caught by the group check',
    input: LUHN_KEY.slice(0, 7) + (LUHN_KEY[7] === 'A' ? 'B' : 'A') + LUHN_KEY.slice(8),
    format: LUHN_FORMAT,
    problem: { kind: 'group-check', group: 2 },
    repairs: [],
  },
];

const COMBINED: Case[] = [
  {
    name: 'e-mail copy of a key',
    input: `\uFEFF  License key:\u00A0bxk7t\u20139qwf3\u200B\u2014mr2hy\u22126cdpv\u2011j4g8x \r\n\r\n`,
    format: FORMAT,
    key: KEY,
    repairs: ['invisible-characters', 'unusual-spaces', 'dashes', 'label', 'case', 'line-endings', 'surrounding-whitespace'],
  },
  {
    name: 'key with every generic damage and no format',
    input: `\r\n\u00A0License Key: ＢＸＫ7Ｔ\u2013\u200B9QWF3\u2014MR2HY\u22126CDPV-J4G8X\u00A0\r\n`,
    key: KEY,
    repairs: ['invisible-characters', 'unusual-spaces', 'dashes', 'compatibility-forms', 'label', 'line-endings', 'surrounding-whitespace'],
  },
  {
    name: 'armored file flattened in an HTML e-mail',
    input: `Hi,\u00A0here it is: ${ARMORED.replaceAll('\n', ' \u200B').replace('-----BEGIN', '\u2014\u2014-BEGIN')} Thanks`,
    key: ARMORED,
    repairs: ['invisible-characters', 'unusual-spaces', 'surrounding-text', 'armor-lines', 'line-breaks'],
  },
  {
    name: 'data block from a Windows mail with a BOM',
    input: `\uFEFF${DATA_BLOCK.replace('Example Corp', 'Example\u00A0Corp').replaceAll('\n', ' \r\n')}\r\n`,
    key: DATA_BLOCK,
    repairs: ['invisible-characters', 'unusual-spaces', 'line-endings', 'surrounding-whitespace'],
  },
  {
    name: 'damaged key pasted twice',
    input: `${KEY.replaceAll('-', '\u2013')}\u00A0${KEY.replaceAll('-', '\u2013')}`,
    problem: { kind: 'duplicate' },
    repairs: ['unusual-spaces', 'dashes'],
  },
  {
    name: 'missing character behind typographic dashes',
    input: `License key: BXK7T\u20139QWF3\u2013MR2H\u20136CDPV\u2013J4G8X`,
    format: FORMAT,
    problem: { kind: 'group-length', group: 3, expected: 5, actual: 4 },
    repairs: ['dashes', 'label'],
  },
];

function check(testCase: Case): void {
  const result = normalizeKey(testCase.input, { format: testCase.format });
  if (testCase.problem === undefined) {
    expect(result.ok ? '' : JSON.stringify(result.problem), 'problem').to.equal('');
    expect(result.ok && result.key, 'key').to.equal(testCase.key);
  } else {
    expect(result.ok ? result.key : result.problem, 'problem').to.deep.equal(testCase.problem);
  }
  expect(result.repairs, 'repairs').to.deep.equal(testCase.repairs);
}

describe('normalizeKey', () => {
  describe('leaves valid shapes unchanged', () => {
    for (const testCase of UNCHANGED) {
      it(testCase.name, () => check({ ...testCase, key: testCase.input, repairs: [] }));
    }
  });

  describe('repairs each kind of damage', () => {
    for (const testCase of DAMAGE_ALONE) it(testCase.name, () => check(testCase));
  });

  describe('reports what it cannot repair', () => {
    for (const testCase of REPORTED) it(testCase.name, () => check(testCase));
  });

  describe('checks a published key format', () => {
    for (const testCase of WITH_FORMAT) it(testCase.name, () => check(testCase));
  });

  describe('repairs combined damage', () => {
    for (const testCase of COMBINED) it(testCase.name, () => check(testCase));
  });

  it('sends a body without BEGIN and END lines as it is', () => {
    const result = normalizeKey(BODY_LINES.join('\n'));

    expect(result, 'result').to.deep.equal({ ok: true, key: BODY_LINES.join('\n'), repairs: [] });
  });

  it('handles a 1 MiB paste', () => {
    const body = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n'.repeat(16_384);
    const result = normalizeKey(`-----BEGIN LICENSE FILE-----\n${body}-----END LICENSE FILE-----`);

    expect(result.ok, 'accepted').to.equal(true);
    expect(result.ok ? result.key.length : 0, 'key length').to.equal(body.length + 28 + 27);
  });
});
