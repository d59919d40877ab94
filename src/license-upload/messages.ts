import { msg, str } from '@lit/localize';
import type { LicenseError } from '../adapter/errors.js';
import { describeError } from '../internal/messages.js';
import type { KeyProblem, KeyRepair } from './normalize-key.js';
import type { FileProblem } from './read-license-file.js';

/** Localized text for a failed key submission: the key-specific codes, else the common text. */
export function describeSubmitError(error: LicenseError): string {
  switch (error.code) {
    case 'invalid-key':
      return msg('The license key is not valid. Check that the whole key was copied, with no characters missing or added.', {
        id: 'license-elements.error.invalid-key',
      });
    case 'key-expired':
      return msg('This license key has already expired. Ask your vendor for a current key.', {
        id: 'license-elements.error.key-expired',
      });
    case 'wrong-product':
      return msg('This license key is for a different product. Check that you copied the key for this product.', {
        id: 'license-elements.error.wrong-product',
      });
    case 'key-already-applied':
      return msg('This license key is already applied. No change was made.', {
        id: 'license-elements.error.key-already-applied',
      });
    default:
      return describeError(error);
  }
}

/** Localized text for a key that was not sent because {@link normalizeKey} found a problem. */
export function describeKeyProblem(problem: KeyProblem): string {
  switch (problem.kind) {
    case 'empty':
      return msg('The box contains no license key. Paste the whole key, then press Save.', { id: 'license-elements.upload.problem.empty' });
    case 'duplicate':
      return msg('The same license key is in the box twice. Delete one copy, then press Save.', {
        id: 'license-elements.upload.problem.duplicate',
      });
    case 'several-keys':
      return msg(str`The box contains ${problem.count} different license keys. Save them one at a time.`, {
        id: 'license-elements.upload.problem.several-keys',
      });
    case 'missing-end':
      return msg('The license has a BEGIN line but no END line, so its end was not copied. Copy it again down to the END line.', {
        id: 'license-elements.upload.problem.missing-end',
      });
    case 'missing-begin':
      return msg('The license has an END line but no BEGIN line, so its start was not copied. Copy it again from the BEGIN line.', {
        id: 'license-elements.upload.problem.missing-begin',
      });
    case 'lost-line-breaks':
      return msg('The license lost its line breaks, and its lines cannot be told apart. Choose the license file, or copy the text again from it.', {
        id: 'license-elements.upload.problem.lost-line-breaks',
      });
    case 'invalid-character':
      return describeInvalidCharacter(problem.character, problem.group);
    case 'group-count':
      return problem.actual < problem.expected
        ? msg(str`The key has ${problem.actual} groups instead of ${problem.expected}, so a group is missing.`, {
            id: 'license-elements.upload.problem.groups-missing',
          })
        : msg(str`The key has ${problem.actual} groups instead of ${problem.expected}, so it has extra characters.`, {
            id: 'license-elements.upload.problem.groups-extra',
          });
    case 'group-length':
      return problem.actual < problem.expected
        ? msg(str`Group ${problem.group} of the key has ${problem.actual} characters instead of ${problem.expected}: a character is missing.`, {
            id: 'license-elements.upload.problem.group-short',
          })
        : msg(str`Group ${problem.group} of the key has ${problem.actual} characters instead of ${problem.expected}: it has an extra character.`, {
            id: 'license-elements.upload.problem.group-long',
          });
    case 'length':
      return problem.actual < problem.expected
        ? msg(str`The key has ${problem.actual} characters instead of ${problem.expected}: characters are missing.`, {
            id: 'license-elements.upload.problem.short',
          })
        : msg(str`The key has ${problem.actual} characters instead of ${problem.expected}: it has extra characters.`, {
            id: 'license-elements.upload.problem.long',
          });
    case 'group-check':
      return msg(str`Group ${problem.group} of the key fails its check, so one of its characters is mistyped. Compare it with the original.`, {
        id: 'license-elements.upload.problem.group-check',
      });
  }
}

/** Names a character readably: printable ones as themselves, others by their code point (U+0000). */
function describeInvalidCharacter(character: string, group: number): string {
  const code = character.codePointAt(0) ?? 0;
  const shown = code > 0x20 && code !== 0x7f ? `“${character}”` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return msg(str`Group ${group} of the key contains ${shown}, which is not a license key character. Check the key for typing mistakes.`, {
    id: 'license-elements.upload.problem.invalid-character',
  });
}

/** Text of one repair in the note, or `null` for repairs too slight to mention (line endings, outer whitespace). */
function describeRepair(repair: KeyRepair): string | null {
  switch (repair) {
    case 'invisible-characters':
      return msg('removed invisible characters', { id: 'license-elements.upload.repair.invisible-characters' });
    case 'unusual-spaces':
      return msg('replaced special spaces with plain spaces', { id: 'license-elements.upload.repair.unusual-spaces' });
    case 'dashes':
      return msg('replaced typographic dashes with hyphens', { id: 'license-elements.upload.repair.dashes' });
    case 'compatibility-forms':
      return msg('replaced full-width characters with plain ones', { id: 'license-elements.upload.repair.compatibility-forms' });
    case 'label':
      return msg('removed the label before the key', { id: 'license-elements.upload.repair.label' });
    case 'surrounding-text':
      return msg('removed the text around the license', { id: 'license-elements.upload.repair.surrounding-text' });
    case 'armor-lines':
      return msg('rebuilt the BEGIN and END lines', { id: 'license-elements.upload.repair.armor-lines' });
    case 'line-breaks':
      return msg('restored the line breaks', { id: 'license-elements.upload.repair.line-breaks' });
    case 'case':
      return msg('changed lower-case letters to upper case', { id: 'license-elements.upload.repair.case' });
    case 'look-alikes':
      return msg('replaced look-alike letters such as O with the symbols they stand for', { id: 'license-elements.upload.repair.look-alikes' });
    case 'separators':
      return msg('put the group separators in place', { id: 'license-elements.upload.repair.separators' });
    default:
      return null;
  }
}

/** The note listing the repairs made to the pasted text, or `''` when none is worth mentioning. */
export function describeRepairs(repairs: readonly KeyRepair[], locale: string): string {
  const texts = repairs.map(describeRepair).filter((text): text is string => text !== null);
  if (texts.length === 0) return '';
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(texts);
  return msg(str`Repaired copy damage: ${list}.`, { id: 'license-elements.upload.repaired' });
}

/** Localized text for a chosen or dropped file that was not read. */
export function describeFileProblem(problem: FileProblem, fileName: string): string {
  switch (problem) {
    case 'too-large':
      return msg(str`The file ${fileName} is larger than 64 KiB, too large for a license file. Choose the license file itself.`, {
        id: 'license-elements.upload.file.too-large',
      });
    case 'not-text':
      return msg(str`The file ${fileName} is not a text file. Choose the license file you received, often a .lic, .txt or .key file.`, {
        id: 'license-elements.upload.file.not-text',
      });
    case 'unreadable':
      return msg(str`The file ${fileName} could not be read. Choose it again, or paste its content.`, {
        id: 'license-elements.upload.file.unreadable',
      });
  }
}

/** Announcement after a file's text was put in the box. */
export function describeFileLoaded(fileName: string): string {
  return msg(str`Loaded ${fileName}. Press Save to apply it.`, { id: 'license-elements.upload.file.loaded' });
}
