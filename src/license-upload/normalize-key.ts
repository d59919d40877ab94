/**
 * Repairs the damage that copying does to a license key, and reports what it cannot repair.
 *
 * Safe repairs, which change no character of the key itself:
 * - surrounding whitespace and blank lines, CRLF and lone CR line endings, byte-order marks,
 *   zero-width and direction-control characters, no-break and other Unicode spaces;
 * - outside the data lines of an armored block: typographic dashes and minus signs (to `-`),
 *   Unicode compatibility forms whose NFKC form is one printable ASCII character (full-width
 *   letters, for example), a leading label such as `License key:`;
 * - an armored license (a `-----BEGIN …-----` line, a body, an `-----END …-----` line) is cut out of
 *   the text around it and rebuilt in canonical form, even when its line breaks became spaces or
 *   were removed. A base64 body is rewrapped at the width of its first line (64 characters when
 *   that cannot be told); the lines of a body that carries data (lines with inner spaces, or of
 *   uneven length) are kept, only their trailing whitespace and common indentation are removed;
 * - a signed token (`header.payload.signature`) loses the whitespace inside it, and a base64 blob
 *   whose line breaks became spaces gets them back;
 * - with a {@link GroupedKeyFormat}: upper case, the format's look-alikes and the group separators.
 *
 * Reported, never repaired: the same key pasted twice, several keys, an armored block without its
 * BEGIN or END line, a data block whose line breaks were lost, and, with a format, a missing or
 * extra character, a wrong group count, a failed group check or a character outside the alphabet.
 *
 * A body without its BEGIN and END lines is a bare base64 blob, the form some vendors ship as a
 * license file: it is repaired like one and sent without armor lines, because the label they would
 * carry is unknown; the backend decides whether it accepts it.
 *
 * The function runs in time linear in the length of the text: every pass is a loop, `indexOf` or a
 * regular expression without nested quantifiers, except the label pattern, which only sees the
 * first 128 characters.
 */
import type { GroupedKeyFormat } from '../adapter/types.js';
import { checkGroupedKey } from './grouped-key.js';

/** A kind of repair {@link normalizeKey} made, in the order they are listed to the admin. */
export type KeyRepair =
  | 'invisible-characters'
  | 'unusual-spaces'
  | 'dashes'
  | 'compatibility-forms'
  | 'label'
  | 'surrounding-text'
  | 'armor-lines'
  | 'line-breaks'
  | 'case'
  | 'look-alikes'
  | 'separators'
  | 'line-endings'
  | 'surrounding-whitespace';

/** Problem that keeps a text from being sent. Group numbers count from 1. */
export type KeyProblem =
  | { kind: 'empty' }
  | { kind: 'duplicate' }
  | { kind: 'several-keys'; count: number }
  | { kind: 'missing-end' }
  | { kind: 'missing-begin' }
  | { kind: 'lost-line-breaks' }
  | { kind: 'invalid-character'; character: string; group: number }
  | { kind: 'group-count'; expected: number; actual: number }
  | { kind: 'group-length'; group: number; expected: number; actual: number }
  | { kind: 'length'; expected: number; actual: number }
  | { kind: 'group-check'; group: number };

/** The result of {@link normalizeKey}: the key to send, or the problem; with the repairs made either way. */
export type NormalizeKeyResult = { ok: true; key: string; repairs: KeyRepair[] } | { ok: false; problem: KeyProblem; repairs: KeyRepair[] };

export interface NormalizeKeyOptions {
  /** The backend's license key format; without it only the generic repairs apply. */
  format?: GroupedKeyFormat | undefined;
}

const REPAIR_ORDER: readonly KeyRepair[] = [
  'invisible-characters',
  'unusual-spaces',
  'dashes',
  'compatibility-forms',
  'label',
  'surrounding-text',
  'armor-lines',
  'line-breaks',
  'case',
  'look-alikes',
  'separators',
  'line-endings',
  'surrounding-whitespace',
];

/** Minimum width of a base64 body line: shorter lines cannot be distinguished from data lines. */
const MIN_BASE64_WIDTH = 16;
/** Width of a rebuilt base64 body when the copy kept no line to measure: the PEM width. */
const DEFAULT_BASE64_WIDTH = 64;
/** A duplicate is only reported for halves at least this long, so short texts such as `ABAB` pass. */
const MIN_DUPLICATE_HALF = 8;
/** Maximum length of an armor label, in characters. */
const MAX_LABEL_LENGTH = 64;

const BASE64_TOKEN = /^[A-Za-z0-9+/=_-]+$/;
const SIGNED_TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const LABEL = /^(?:[A-Za-z]+[ \t]+){0,3}(?:key|code|licen[cs]e|serial|number|token)[ \t]*:/i;

type Repairs = Set<KeyRepair>;

function isInvisible(code: number): boolean {
  return (
    code === 0xfeff ||
    code === 0x00ad ||
    code === 0x180e ||
    code === 0x034f ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function isUnusualSpace(code: number): boolean {
  return code === 0x00a0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;
}

function isLineSeparator(code: number): boolean {
  return code === 0x0b || code === 0x0c || code === 0x85 || code === 0x2028 || code === 0x2029;
}

function isTypographicDash(code: number): boolean {
  return (
    (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63 || code === 0xff0d || code === 0x2e3a || code === 0x2e3b
  );
}

function isDash(char: string | undefined): boolean {
  return char !== undefined && (char === '-' || isTypographicDash(char.charCodeAt(0)));
}

/**
 * Removes invisible characters, turns Unicode spaces into spaces and every line ending into `\n`.
 * These repairs are safe everywhere, data lines included.
 */
function cleanEverywhere(text: string, repairs: Repairs): string {
  const parts: string[] = [];
  let runStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code < 0x7f) continue;
    if (code === 0x0a || code === 0x09) continue;

    let replacement: string | null = null;
    if (code === 0x0d) {
      replacement = text.charCodeAt(index + 1) === 0x0a ? '' : '\n';
      repairs.add('line-endings');
    } else if (isLineSeparator(code)) {
      replacement = '\n';
      repairs.add('line-endings');
    } else if (isInvisible(code)) {
      replacement = '';
      repairs.add('invisible-characters');
    } else if (isUnusualSpace(code)) {
      replacement = ' ';
      repairs.add('unusual-spaces');
    }
    if (replacement === null) continue;
    parts.push(text.slice(runStart, index), replacement);
    runStart = index + 1;
  }
  return parts.length === 0 ? text : parts.join('') + text.slice(runStart);
}

/** NFKC forms already computed, because `normalize` is slow next to a map lookup and pastes repeat characters. */
const compatibleForms = new Map<string, string | null>();

/** Returns the printable ASCII character `char` stands for under NFKC, or `null` when there is none. */
function asciiCompatible(char: string): string | null {
  let form = compatibleForms.get(char);
  if (form === undefined) {
    const normalized = char.normalize('NFKC');
    form = normalized.length === 1 && normalized >= '!' && normalized <= '~' ? normalized : null;
    compatibleForms.set(char, form);
  }
  return form;
}

/**
 * Turns typographic dashes into hyphens and compatibility forms into the printable ASCII character
 * NFKC maps them to. Applied to key text only: in a data line a dash or a full-width letter may be
 * part of a name.
 */
function cleanKeyCharacters(text: string, repairs: Repairs): string {
  const parts: string[] = [];
  let runStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;

    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const dash = isTypographicDash(code);
    const replacement = dash ? '-' : asciiCompatible(text.slice(index, index + width));
    if (replacement !== null) repairs.add(dash ? 'dashes' : 'compatibility-forms');
    if (replacement !== null) {
      parts.push(text.slice(runStart, index), replacement);
      runStart = index + width;
    }
    index += width - 1;
  }
  return parts.length === 0 ? text : parts.join('') + text.slice(runStart);
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * Whether `pieces` look like a base64 text cut into lines: every piece but the last has the same
 * width of at least 16 characters, and the last is no longer. One long piece also qualifies.
 */
function isBase64Layout(pieces: readonly string[]): boolean {
  if (pieces.length === 0 || !pieces.every((piece) => BASE64_TOKEN.test(piece))) return false;
  const width = pieces[0]!.length;
  if (width < MIN_BASE64_WIDTH) return false;
  return pieces.every((piece, index) => (index === pieces.length - 1 ? piece.length <= width : piece.length === width));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += width) lines.push(text.slice(start, start + width));
  return lines;
}

/** A BEGIN or END line of an armored block, found in the text. */
interface ArmorMarker {
  start: number;
  end: number;
  label: string;
  /** Whether the dashes and the word are separated by spaces, as in `----- BEGIN LICENSE -----`. */
  spaced: boolean;
}

/**
 * Finds the next `-----BEGIN LABEL-----` (or END) marker from `from`: at least two dashes of any
 * kind, an optional space, the word, an upper-case label, an optional space and two or more dashes.
 * Every candidate is checked in constant time, so the search is linear.
 */
function findMarker(text: string, word: 'BEGIN' | 'END', from: number): ArmorMarker | null {
  for (let at = text.indexOf(`${word} `, from); at >= 0; at = text.indexOf(`${word} `, at + 1)) {
    let start = at;
    const spacedBefore = text[start - 1] === ' ';
    if (spacedBefore) start--;
    let dashes = 0;
    while (dashes < 16 && isDash(text[start - 1])) {
      start--;
      dashes++;
    }
    if (dashes < 2) continue;

    let labelEnd = at + word.length + 1;
    const labelLimit = Math.min(text.length, labelEnd + MAX_LABEL_LENGTH);
    while (labelEnd < labelLimit && /[A-Z0-9 ]/.test(text[labelEnd]!)) labelEnd++;
    const label = text.slice(at + word.length + 1, labelEnd).trim().replace(/ +/g, ' ');
    let end = labelEnd;
    let closing = 0;
    while (closing < 16 && isDash(text[end])) {
      end++;
      closing++;
    }
    if (label === '' || closing < 2) continue;
    return { start, end, label, spaced: spacedBefore };
  }
  return null;
}

function markerLine(word: 'BEGIN' | 'END', marker: ArmorMarker): string {
  return marker.spaced ? `----- ${word} ${marker.label} -----` : `-----${word} ${marker.label}-----`;
}

/** Removes the indentation every non-blank line shares. */
function removeCommonIndent(lines: string[]): string[] {
  let indent = Infinity;
  for (const line of lines) {
    if (isBlank(line)) continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  return indent === 0 || indent === Infinity ? lines : lines.map((line) => line.slice(indent));
}

type BlockResult = { ok: true; block: string } | { ok: false; problem: KeyProblem };

/** Rebuilds one armored block from its markers and the text between them. */
function rebuildBlock(text: string, begin: ArmorMarker, end: ArmorMarker, repairs: Repairs): BlockResult {
  const body = text.slice(begin.end, end.start);
  const beginLine = markerLine('BEGIN', begin);
  const endLine = markerLine('END', end);
  if (text.slice(begin.start, begin.end) !== beginLine || text.slice(end.start, end.end) !== endLine) repairs.add('armor-lines');

  const keyRepairs: Repairs = new Set();
  const keyBody = cleanKeyCharacters(body, keyRepairs);
  const pieces = keyBody.trim().split(/\s+/);
  if (keyBody.trim() === '') return { ok: false, problem: { kind: 'empty' } };

  if (isBase64Layout(pieces)) {
    const width = pieces.length > 1 ? pieces[0]!.length : DEFAULT_BASE64_WIDTH;
    const lines = wrap(pieces.join(''), width);
    if (body.replace(/^[ \t]*\n|\n[ \t]*$/g, '') !== lines.join('\n')) repairs.add('line-breaks');
    for (const repair of keyRepairs) repairs.add(repair);
    return { ok: true, block: [beginLine, ...lines, endLine].join('\n') };
  }

  // A body on the same line as its BEGIN and END lines lost its line breaks, so its data lines
  // cannot be separated again.
  if (!body.includes('\n')) return { ok: false, problem: { kind: 'lost-line-breaks' } };

  const rawLines = body.split('\n');
  // Data on the BEGIN or END line itself moves to a line of its own.
  const dataOnMarkerLine = !isBlank(rawLines[0]!) || !isBlank(rawLines.at(-1)!);
  if (dataOnMarkerLine) repairs.add('line-breaks');
  rawLines[0] = rawLines[0]!.trim();
  const lines = removeCommonIndent(rawLines.map((line) => line.trimEnd()));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return { ok: true, block: [beginLine, ...lines, endLine].join('\n') };
}

/** Repairs a text that contains one or more armored blocks; `first` is the first BEGIN marker. */
function normalizeArmored(text: string, first: ArmorMarker, repairs: Repairs): NormalizeKeyResult {
  const blocks: string[] = [];
  let begin: ArmorMarker | null = first;
  let previousEnd = 0;
  while (begin !== null) {
    if (text.slice(previousEnd, begin.start).trim() !== '') repairs.add('surrounding-text');
    const end = findMarker(text, 'END', begin.end);
    if (end === null) return failure({ kind: 'missing-end' }, repairs);

    const rebuilt = rebuildBlock(text, begin, end, repairs);
    if (!rebuilt.ok) return failure(rebuilt.problem, repairs);
    blocks.push(rebuilt.block);
    previousEnd = end.end;
    begin = findMarker(text, 'BEGIN', end.end);
  }
  if (text.slice(previousEnd).trim() !== '') repairs.add('surrounding-text');

  if (blocks.length > 1) {
    const problem: KeyProblem = blocks.every((block) => block === blocks[0]) ? { kind: 'duplicate' } : { kind: 'several-keys', count: blocks.length };
    return failure(problem, repairs);
  }
  return success(blocks[0]!, repairs);
}

/** Repairs a text without armor lines: a key, a signed token or a bare base64 blob. */
function normalizePlain(text: string, repairs: Repairs, format: GroupedKeyFormat | undefined): NormalizeKeyResult {
  let key = cleanKeyCharacters(text, repairs).trim();
  // Only the start is searched: a label is short, and the expression then stays linear.
  const label = LABEL.exec(key.slice(0, MAX_LABEL_LENGTH * 2));
  if (label !== null) {
    key = key.slice(label[0].length).trim();
    repairs.add('label');
  }

  const rawLines = key.split('\n');
  const lines = rawLines.map((line) => line.trim());
  const kept = lines.filter((line) => line !== '');
  if (kept.length === 0) return failure({ kind: 'empty' }, repairs);
  if (kept.length !== lines.length || lines.some((line, index) => line !== rawLines[index])) repairs.add('surrounding-whitespace');

  if (format !== undefined) {
    const checked = checkGroupedKey(kept.join('\n'), format);
    for (const repair of checked.repairs) repairs.add(repair);
    return checked.ok ? success(checked.key, repairs) : failure(checked.problem, repairs);
  }

  const compact = kept.join('').replace(/\s+/g, '');
  if (hasDuplicateHalves(compact)) return failure({ kind: 'duplicate' }, repairs);

  if (SIGNED_TOKEN.test(compact)) {
    if (compact !== kept.join('\n')) repairs.add('line-breaks');
    return success(compact, repairs);
  }

  if (kept.length === 1) {
    const pieces = kept[0]!.split(/[ \t]+/);
    if (pieces.length > 1 && isBase64Layout(pieces)) {
      repairs.add('line-breaks');
      return success(pieces.join('\n'), repairs);
    }
    return success(kept[0]!, repairs);
  }

  // A grouped key broken at its hyphens by a mail client: joining restores it.
  // TODO: a bare key inside e-mail sentences is not cut out of them. Without a format the text is
  // sent as it is, and with one it fails the format check on the first word.
  const brokenAtHyphens = kept.every((line, index) => index === kept.length - 1 || line.endsWith('-') || kept[index + 1]!.startsWith('-'));
  if (brokenAtHyphens && kept.every((line) => !/\s/.test(line))) {
    repairs.add('line-breaks');
    return success(kept.join(''), repairs);
  }
  return success(kept.join('\n'), repairs);
}

/**
 * Whether `compact` (a text without whitespace) is one string twice, possibly with a hyphen, comma
 * or semicolon between the copies.
 */
function hasDuplicateHalves(compact: string): boolean {
  const length = compact.length;
  const half = Math.floor(length / 2);
  if (half < MIN_DUPLICATE_HALF) return false;
  if (length % 2 === 0) return compact.slice(0, half) === compact.slice(half);
  return ',;-'.includes(compact[half]!) && compact.slice(0, half) === compact.slice(half + 1);
}

function sorted(repairs: Repairs): KeyRepair[] {
  return REPAIR_ORDER.filter((repair) => repairs.has(repair));
}

function success(key: string, repairs: Repairs): NormalizeKeyResult {
  return { ok: true, key, repairs: sorted(repairs) };
}

function failure(problem: KeyProblem, repairs: Repairs): NormalizeKeyResult {
  return { ok: false, problem, repairs: sorted(repairs) };
}

/**
 * Repairs copy damage in a pasted or typed license and returns the key to send, or the problem
 * that stops it from being sent, with the repairs made. Pure; linear in the length of `text`.
 */
export function normalizeKey(text: string, options: NormalizeKeyOptions = {}): NormalizeKeyResult {
  const repairs: Repairs = new Set();
  const cleaned = cleanEverywhere(text, repairs);
  if (cleaned.trim() !== cleaned) repairs.add('surrounding-whitespace');
  if (cleaned.trim() === '') return failure({ kind: 'empty' }, repairs);

  const begin = findMarker(cleaned, 'BEGIN', 0);
  if (begin !== null) return normalizeArmored(cleaned, begin, repairs);
  if (findMarker(cleaned, 'END', 0) !== null) return failure({ kind: 'missing-begin' }, repairs);

  return normalizePlain(cleaned, repairs, options.format);
}
