/** Largest license file read, in bytes: license files are a few KiB at most. */
export const MAX_LICENSE_FILE_BYTES = 64 * 1024;

/** Problem that kept a chosen or dropped file from being read. */
export type FileProblem = 'too-large' | 'not-text' | 'unreadable';

export type ReadLicenseFileResult = { ok: true; text: string } | { ok: false; problem: FileProblem };

/** Decodes `bytes` as UTF-16 when they start with its byte-order mark, else as strict UTF-8; `null` when they are not text. */
function decodeText(bytes: Uint8Array): string | null {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return hasBinaryControls(text) ? null : text;
}

/** Whether `text` contains control characters other than tab, line feed, vertical tab, form feed and carriage return, as binary files do. */
function hasBinaryControls(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) return true;
  }
  return false;
}

/**
 * Reads a license file the admin chose or dropped: text files (such as .lic, .txt and .key) of up to
 * 64 KiB, in UTF-8 or UTF-16 with a byte-order mark. The file's name and type are not trusted, only
 * its size and content.
 */
export async function readLicenseFile(file: Blob): Promise<ReadLicenseFileResult> {
  if (file.size > MAX_LICENSE_FILE_BYTES) return { ok: false, problem: 'too-large' };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const text = decodeText(bytes);
  return text === null ? { ok: false, problem: 'not-text' } : { ok: true, text };
}
