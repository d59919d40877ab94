/**
 * Crockford base32: 32 symbols without the look-alikes I, L, O and U. Used by the demo key format
 * and the offline challenge and response keys, because keys in it survive being read aloud.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Upper-cases the ASCII letters of `text`, maps look-alikes to the symbols they stand for (O to 0,
 * I and L to 1) and drops spaces and hyphens. Other characters are kept, so a caller can report
 * them. Only ASCII is upper-cased because full Unicode case mapping would turn ß into the valid
 * symbols SS and the dotless ı into I, and so into 1.
 */
export function normalizeCrockford(text: string): string {
  let result = '';
  for (const char of text) {
    if (char === ' ' || char === '-') continue;
    const upper = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
    result += LOOK_ALIKES[upper] ?? upper;
  }
  return result;
}

/** Encodes the first `length * 5` bits of `bytes` as `length` symbols. */
export function encodeBits(bytes: Uint8Array, length: number): string {
  let result = '';
  for (let index = 0; index < length; index++) {
    let value = 0;
    for (let bit = index * 5; bit < index * 5 + 5; bit++) {
      const byte = bytes[bit >> 3] ?? 0;
      value = (value << 1) | ((byte >> (7 - (bit & 7))) & 1);
    }
    result += CROCKFORD_ALPHABET[value];
  }
  return result;
}

/** Encodes a non-negative integer below `32 ** length` as exactly `length` symbols. */
export function encodeNumber(value: number, length: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 32 ** length) {
    throw new RangeError(`${value} does not fit in ${length} base32 symbols`);
  }
  let result = '';
  for (let index = 0; index < length; index++) {
    result = CROCKFORD_ALPHABET[value % 32] + result;
    value = Math.floor(value / 32);
  }
  return result;
}

/** Decodes symbols to a number; returns `NaN` when a character is outside the alphabet. */
export function decodeNumber(symbols: string): number {
  let value = 0;
  for (const char of symbols) {
    const digit = CROCKFORD_ALPHABET.indexOf(char);
    if (digit < 0) return Number.NaN;
    value = value * 32 + digit;
  }
  return value;
}

/**
 * Computes the Luhn mod 32 check symbol of `symbols`. It catches every single-symbol substitution
 * and most swaps of two neighbours, so a mistyped group is found before it is sent.
 */
export function luhnCheckSymbol(symbols: string): string {
  let factor = 2;
  let sum = 0;
  for (let index = symbols.length - 1; index >= 0; index--) {
    const product = factor * CROCKFORD_ALPHABET.indexOf(symbols[index]!);
    sum += Math.floor(product / 32) + (product % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return CROCKFORD_ALPHABET[(32 - (sum % 32)) % 32]!;
}

/** Whether the last symbol of `group` is the Luhn mod 32 check symbol of the others. */
export function isValidCheckedGroup(group: string): boolean {
  if (group.length < 2 || [...group].some((char) => !CROCKFORD_ALPHABET.includes(char))) return false;
  return luhnCheckSymbol(group.slice(0, -1)) === group.at(-1);
}

/** Splits `symbols` into hyphen-joined groups of `size`; the last group may be shorter. */
export function groupSymbols(symbols: string, size: number): string {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Invalid group size ${size}: expected an integer of at least 1`);
  const groups: string[] = [];
  for (let index = 0; index < symbols.length; index += size) groups.push(symbols.slice(index, index + size));
  return groups.join('-');
}
