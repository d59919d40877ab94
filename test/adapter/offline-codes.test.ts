import '../helpers/setup.ts';
import { expect } from '@open-wc/testing';
import { computeResponseKey, createChallengeKey, verifyResponseKey } from '../../src/adapter/memory/index.ts';
import { OFFLINE_KEY_GROUP_SIZE, OFFLINE_KEY_GROUPS } from '../../src/adapter/memory/offline-codes.ts';
import { CROCKFORD_ALPHABET, isValidCheckedGroup, luhnCheckSymbol } from '../../src/internal/crockford.ts';

const OFFLINE_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/;
const LICENSE_KEY = 'B4G8X-J6CDP-N8W4T-Q2Z6H-00000';

/** Challenges for distinct nonces, so that tests see many different keys. */
const challenges = Array.from({ length: 40 }, (_, index) => createChallengeKey('installation-1', LICENSE_KEY, `nonce-${index}`));

function response(challengeKey: string): string {
  const key = computeResponseKey(challengeKey);
  if (key === null) throw new Error(`Expected a response for ${challengeKey}, got null`);
  return key;
}

/** Replaces symbol `index` (counting symbols, not hyphens) of a grouped key with another symbol. */
function changeSymbol(key: string, index: number, offset = 1): string {
  const symbols = key.replaceAll('-', '');
  const current = CROCKFORD_ALPHABET.indexOf(symbols[index]!);
  const replacement = CROCKFORD_ALPHABET[(current + offset) % 32]!;
  const changed = symbols.slice(0, index) + replacement + symbols.slice(index + 1);
  return changed.match(/.{5}/g)!.join('-');
}

/** Spells a key the way it might be read aloud and typed: lower case, spaces, and look-alikes. */
function asReadAloud(key: string): string {
  return key.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'I');
}

describe('offline-codes', () => {
  describe('createChallengeKey', () => {
    it('has 6 groups of 5 symbols', () => {
      expect(OFFLINE_KEY_GROUPS, 'groups').to.equal(6);
      expect(OFFLINE_KEY_GROUP_SIZE, 'group size').to.equal(5);
      for (const challenge of challenges) expect(challenge, 'grouped form').to.match(OFFLINE_KEY_PATTERN);
    });

    it('ends every group in its check symbol', () => {
      for (const challenge of challenges) {
        for (const group of challenge.split('-')) {
          expect(group[4], `check symbol of ${group} in ${challenge}`).to.equal(luhnCheckSymbol(group.slice(0, 4)));
          expect(isValidCheckedGroup(group), `${group} in ${challenge}`).to.equal(true);
        }
      }
    });

    it('is deterministic for the same inputs', () => {
      expect(createChallengeKey('installation-1', LICENSE_KEY, 'nonce-0')).to.equal(challenges[0]);
    });

    it('changes with each input', () => {
      const base = createChallengeKey('installation-1', LICENSE_KEY, 'nonce');
      expect(createChallengeKey('installation-2', LICENSE_KEY, 'nonce'), 'installation').not.to.equal(base);
      expect(createChallengeKey('installation-1', LICENSE_KEY.replace('B', 'C'), 'nonce'), 'license key').not.to.equal(base);
      expect(createChallengeKey('installation-1', LICENSE_KEY, 'nonce2'), 'nonce').not.to.equal(base);
      expect(new Set(challenges).size, 'distinct challenges for distinct nonces').to.equal(challenges.length);
    });
  });

  describe('computeResponseKey', () => {
    it('returns a well-formed key', () => {
      for (const challenge of challenges) {
        const key = response(challenge);
        expect(key, `response to ${challenge}`).to.match(OFFLINE_KEY_PATTERN);
        for (const group of key.split('-')) expect(isValidCheckedGroup(group), `${group} in ${key}`).to.equal(true);
      }
    });

    it('is deterministic', () => {
      for (const challenge of challenges) expect(computeResponseKey(challenge), challenge).to.equal(response(challenge));
    });

    it('accepts the challenge as read aloud', () => {
      const challenge = challenges.find((key) => key.includes('0') && key.includes('1'))!;
      expect(challenge, 'a challenge with both 0 and 1').to.be.a('string');
      const expected = response(challenge);

      const spellings: Array<{ name: string; input: string }> = [
        { name: 'lower case', input: challenge.toLowerCase() },
        { name: 'spaces between groups', input: challenge.replaceAll('-', ' ') },
        { name: 'no separators', input: challenge.replaceAll('-', '') },
        { name: 'O for 0', input: challenge.replaceAll('0', 'O') },
        { name: 'I for 1', input: challenge.replaceAll('1', 'I') },
        { name: 'L for 1', input: challenge.replaceAll('1', 'L') },
        { name: 'all of them', input: asReadAloud(challenge) },
      ];
      for (const { name, input } of spellings) expect(computeResponseKey(input), name).to.equal(expected);
    });

    it('returns null when a group has a wrong check symbol', () => {
      const challenge = challenges[0]!;
      for (let group = 0; group < OFFLINE_KEY_GROUPS; group++) {
        const index = group * OFFLINE_KEY_GROUP_SIZE + 4;
        expect(computeResponseKey(changeSymbol(challenge, index)), `check symbol of group ${group + 1} changed`).to.equal(null);
      }
    });

    it('returns null for every single-symbol change', () => {
      for (const challenge of challenges.slice(0, 5)) {
        for (let index = 0; index < OFFLINE_KEY_GROUPS * OFFLINE_KEY_GROUP_SIZE; index++) {
          for (let offset = 1; offset < 32; offset++) {
            const changed = changeSymbol(challenge, index, offset);
            expect(computeResponseKey(changed), `${challenge} changed to ${changed}`).to.equal(null);
          }
        }
      }
    });

    const malformed: Array<{ name: string; input: string }> = [
      { name: 'empty', input: '' },
      { name: 'five groups', input: challenges[0]!.slice(0, 29) },
      { name: 'seven groups', input: `${challenges[0]!}-00000` },
      { name: 'U in a group', input: `U${challenges[0]!.slice(1)}` },
      { name: 'punctuation in a group', input: `*${challenges[0]!.slice(1)}` },
    ];

    for (const { name, input } of malformed) {
      it(`returns null for ${name}`, () => {
        expect(computeResponseKey(input)).to.equal(null);
      });
    }

    it('gives different challenges different responses', () => {
      const responses = challenges.map(response);
      expect(new Set(responses).size).to.equal(challenges.length);
    });
  });

  describe('verifyResponseKey', () => {
    it('accepts the right response in any spacing and case', () => {
      for (const challenge of challenges.slice(0, 10)) {
        const key = response(challenge);
        const spellings = [key, key.toLowerCase(), key.replaceAll('-', ' '), key.replaceAll('-', ''), asReadAloud(key), ` ${key} `];
        for (const spelling of spellings) {
          expect(verifyResponseKey(challenge, spelling), `${JSON.stringify(spelling)} answers ${challenge}`).to.equal(true);
        }
        expect(verifyResponseKey(asReadAloud(challenge), key), 'challenge as read aloud').to.equal(true);
      }
    });

    it('rejects a response with one symbol changed', () => {
      for (const challenge of challenges.slice(0, 5)) {
        const key = response(challenge);
        for (let index = 0; index < OFFLINE_KEY_GROUPS * OFFLINE_KEY_GROUP_SIZE; index++) {
          const changed = changeSymbol(key, index);
          expect(verifyResponseKey(challenge, changed), `${changed} must not answer ${challenge}`).to.equal(false);
        }
      }
    });

    it('rejects the response to another challenge', () => {
      const [first, second] = challenges as [string, string];
      expect(verifyResponseKey(first, response(second))).to.equal(false);
    });

    it('rejects a response to a malformed challenge', () => {
      const challenge = challenges[0]!;
      const broken = changeSymbol(challenge, 4);
      expect(verifyResponseKey(broken, response(challenge)), 'valid response, broken challenge').to.equal(false);
      expect(verifyResponseKey(broken, ''), 'empty response').to.equal(false);
    });

    it('rejects the challenge itself as its response', () => {
      const challenge = challenges[0]!;
      expect(verifyResponseKey(challenge, challenge)).to.equal(false);
    });
  });
});
