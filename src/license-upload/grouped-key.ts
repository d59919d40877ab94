/**
 * Checks and canonicalizes a key against a {@link GroupedKeyFormat} the backend publishes, so that a
 * damaged key is caught before the round trip with the group that is wrong.
 */
import type { GroupedKeyFormat } from '../adapter/types.js';
import { luhnCheckSymbol } from '../internal/grouped-key.js';
import type { KeyProblem, KeyRepair } from './normalize-key.js';

export type GroupedKeyResult = { ok: true; key: string; repairs: KeyRepair[] } | { ok: false; problem: KeyProblem; repairs: KeyRepair[] };

/** Characters that separate groups in a copy: whitespace and hyphens, whatever the canonical separator. */
function isDelimiter(char: string, separator: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '-' || (separator !== '' && separator.includes(char));
}

/** Whether the last symbol of `group` is the Luhn mod N check symbol of the others, N being the alphabet's length. */
export function hasValidLuhnSymbol(group: string, alphabet: string): boolean {
  return luhnCheckSymbol(group.slice(0, -1), alphabet) === group.at(-1);
}

/** Splits `symbols` into groups of the format's sizes. */
function regroup(symbols: string, sizes: readonly number[]): string[] {
  const groups: string[] = [];
  let start = 0;
  for (const size of sizes) {
    groups.push(symbols.slice(start, start + size));
    start += size;
  }
  return groups;
}

/**
 * Checks `text` (already cleaned of invisible characters, typographic dashes and labels) against
 * `format`. ASCII letters are upper-cased and the format's look-alikes mapped. Whitespace, hyphens
 * and the separator split groups. When the groups found are fewer or more than the format's but the
 * symbols are exactly as many, the symbols are regrouped. Any other difference is reported, never
 * repaired: a missing or extra character, a wrong group count, a failed group check, a character
 * outside the alphabet.
 */
export function checkGroupedKey(text: string, format: GroupedKeyFormat): GroupedKeyResult {
  const repairs: KeyRepair[] = [];
  const groups: string[] = [];
  let current = '';
  // The text with only case and look-alikes mapped, to tell whether the separators changed.
  let mapped = '';

  for (const char of text) {
    if (isDelimiter(char, format.separator)) {
      mapped += char;
      if (current !== '') groups.push(current);
      current = '';
      continue;
    }
    const upper = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
    if (upper !== char && !repairs.includes('case')) repairs.push('case');
    const symbol = format.lookAlikes?.[upper] ?? upper;
    if (symbol !== upper && !repairs.includes('look-alikes')) repairs.push('look-alikes');
    if (!format.alphabet.includes(symbol)) {
      return { ok: false, problem: { kind: 'invalid-character', character: char, group: groups.length + 1 }, repairs };
    }
    current += symbol;
    mapped += symbol;
  }
  if (current !== '') groups.push(current);

  const sizes = format.groupSizes;
  const expected = sizes.reduce((sum, size) => sum + size, 0);
  const symbols = groups.join('');
  if (symbols === '') return { ok: false, problem: { kind: 'empty' }, repairs };

  if (symbols.length === 2 * expected) {
    const half = symbols.slice(0, expected);
    if (half === symbols.slice(expected)) return { ok: false, problem: { kind: 'duplicate' }, repairs };
    return { ok: false, problem: { kind: 'several-keys', count: 2 }, repairs };
  }

  let canonicalGroups = groups;
  if (groups.length !== sizes.length) {
    if (symbols.length !== expected) {
      const problem: KeyProblem =
        groups.length === 1
          ? { kind: 'length', expected, actual: symbols.length }
          : { kind: 'group-count', expected: sizes.length, actual: groups.length };
      return { ok: false, problem, repairs };
    }
    canonicalGroups = regroup(symbols, sizes);
  }

  for (const [index, group] of canonicalGroups.entries()) {
    if (group.length !== sizes[index]) {
      return { ok: false, problem: { kind: 'group-length', group: index + 1, expected: sizes[index]!, actual: group.length }, repairs };
    }
  }
  if (format.groupCheck === 'luhn') {
    const failed = canonicalGroups.findIndex((group) => !hasValidLuhnSymbol(group, format.alphabet));
    if (failed >= 0) return { ok: false, problem: { kind: 'group-check', group: failed + 1 }, repairs };
  }

  const key = canonicalGroups.join(format.separator);
  if (key !== mapped) repairs.push('separators');
  return { ok: true, key, repairs };
}
