/**
 * The reference server's data: one JSON file, rewritten after every change. A write goes to a
 * temporary file beside it, is flushed to disk and then renamed over the old file, so a crash
 * leaves either the old or the new data, never half a file. Writes are queued one after another.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * @template T
 */
export class JsonStore {
  /** @type {string} */
  #file;
  /** @type {Promise<void>} */
  #queue = Promise.resolve();
  #writes = 0;

  /** @param {string} directory */
  constructor(directory) {
    this.directory = directory;
    this.#file = join(directory, 'server-data.json');
  }

  get file() {
    return this.#file;
  }

  /**
   * Reads the stored data, or returns null when there is no file yet.
   * @returns {Promise<T | null>}
   */
  async read() {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8'));
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return null;
      throw new Error(`Cannot read the server data in ${this.#file}: ${error instanceof Error ? error.message : error}. Move the file away to start afresh.`, {
        cause: error,
      });
    }
  }

  /**
   * Queues a write of `data`; resolves once it is on disk.
   * @param {T} data
   */
  write(data) {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const next = this.#queue.then(() => this.#writeNow(text));
    // A failed write must not block the ones after it; the caller still sees its own failure.
    this.#queue = next.catch(() => {});
    return next;
  }

  /** @param {string} text */
  async #writeNow(text) {
    await mkdir(this.directory, { recursive: true });
    const temporary = `${this.#file}.${process.pid}.${++this.#writes}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.#file);
  }

  /** Resolves once every queued write has finished. */
  flush() {
    return this.#queue;
  }
}
