/**
 * Code the upload needs only once the admin starts working with the box: the key normalizer, the
 * file reader, the texts of failures and repairs, the support contact shown after failures and the
 * offline step. The element loads this module with `import()` on the first focus, paste, drop, file
 * choice or Save, so the first render stays small.
 */
import { describeFileLoaded, describeFileProblem } from './messages.js';
import { readLicenseFile } from './read-license-file.js';
import type { Outcome } from './render-outcome.js';

export { normalizeKey } from './normalize-key.js';
export { loadOfflineActivation, renderOfflineStep } from './render-offline-step.js';
export { isInvalid, renderAlert, renderStatus } from './render-outcome.js';
export { hasSupportContact, renderSupportContact } from '../internal/support-contact.js';

/** Reads a chosen, dropped or pasted file: its text for the box and the message to show, or why it was not read. */
export async function readLicenseFileOutcome(file: File): Promise<{ text?: string; outcome: Outcome }> {
  const read = await readLicenseFile(file);
  if (!read.ok) return { outcome: { kind: 'file-error', text: describeFileProblem(read.problem, file.name) } };
  return { text: read.text, outcome: { kind: 'file-loaded', text: describeFileLoaded(file.name) } };
}
