import type { GroupedKeyFormat } from '../adapter/types.js';

/** A typed key checked against a {@link GroupedKeyFormat}. */
export interface CheckedKey {
  /** The key in canonical form (groups joined with the format's separator), or `''` while it is incomplete or mistyped. */
  key: string;
  /** Number of symbols typed, without separators. */
  length: number;
  /** Number of symbols the format expects. */
  expected: number;
  /** Numbers, from 1, of the groups that hold a symbol outside the alphabet or, once complete, fail their check. */
  mistyped: number[];
}

/** Look-alikes mapped when a format names none and its alphabet lacks the letter but has the digit. */
const DEFAULT_LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Computes the Luhn mod N check symbol of `data`, N being the length of `alphabet`. It catches every
 * single-symbol substitution and most swaps of two neighbours.
 */
export function luhnCheckSymbol(data: string, alphabet: string): string {
  const base = alphabet.length;
  let factor = 2;
  let sum = 0;
  for (let index = data.length - 1; index >= 0; index--) {
    const product = factor * alphabet.indexOf(data[index]!);
    sum += Math.floor(product / base) + (product % base);
    factor = 3 - factor;
  }
  return alphabet[(base - (sum % base)) % base]!;
}

/**
 * Checks a key as typed or pasted. ASCII letters are upper-cased, because full Unicode case mapping
 * would turn ß into SS. Look-alikes that the alphabet lacks are mapped (O to 0, I and L to 1).
 * Spaces, hyphens and the separator split groups. When the typed separators cut the key into no
 * more pieces than it has groups, each piece is one group, so a group with a missing symbol is found
 * by its length. Otherwise the symbols are grouped by position.
 */
export function checkGroupedKey(text: string, format: GroupedKeyFormat): CheckedKey {
  const { alphabet, groupSizes, separator } = format;
  const lookAlikes = format.lookAlikes ?? DEFAULT_LOOK_ALIKES;

  const pieces: string[] = [''];
  for (const char of text) {
    const upper = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
    const mapped = alphabet.includes(upper) ? upper : (lookAlikes[upper] ?? upper);
    if (!alphabet.includes(mapped) && (/\s/.test(mapped) || mapped === '-' || mapped === separator)) {
      if (pieces.at(-1) !== '') pieces.push('');
    } else {
      pieces[pieces.length - 1] += mapped;
    }
  }
  if (pieces.at(-1) === '') pieces.pop();

  const symbols = pieces.join('');
  const byPiece = pieces.length <= groupSizes.length && pieces.every((piece, index) => piece.length <= groupSizes[index]!);
  let groups = pieces;
  if (!byPiece) {
    groups = [];
    let start = 0;
    for (const size of groupSizes) {
      if (start < symbols.length) groups.push(symbols.slice(start, start + size));
      start += size;
    }
  }

  const mistyped: number[] = [];
  groups.forEach((group, index) => {
    const size = groupSizes[index]!;
    const complete = group.length === size || (byPiece && index < groups.length - 1);
    const wrong =
      [...group].some((char) => !alphabet.includes(char)) ||
      (complete &&
        (group.length !== size || (format.groupCheck === 'luhn' && luhnCheckSymbol(group.slice(0, -1), alphabet) !== group.at(-1))));
    if (wrong) mistyped.push(index + 1);
  });

  const expected = groupSizes.reduce((sum, size) => sum + size, 0);
  const valid = mistyped.length === 0 && symbols.length === expected && groups.length === groupSizes.length;
  return { key: valid ? groups.join(separator) : '', length: symbols.length, expected, mistyped };
}
