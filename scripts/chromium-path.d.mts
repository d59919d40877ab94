/** Returns the Chromium executable: CHROME_PATH when set, else the first usual install path that exists. */
export function findChromium(): string;

/** Flags for headless Chromium in containers and CI. */
export const CHROMIUM_ARGS: string[];
