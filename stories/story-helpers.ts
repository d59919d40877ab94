import { nothing } from 'lit';
import { within } from 'storybook/test';
import { MemoryAdapter } from '../src/adapter/memory/index.js';
import type { LicenseAdapter } from '../src/adapter/types.js';

/**
 * Latency, in milliseconds, that keeps a call pending for the whole life of a story: one day. It
 * stays below 2^31 - 1 ms, above which `setTimeout` fires at once.
 */
export const PENDING_FOREVER_MS = 86_400_000;

/** Support contact of a fictional vendor, passed to the elements as attributes. */
export const EXAMPLE_SUPPORT = {
  'support-phone': '+1 555 0100',
  'support-email': 'support@example.com',
  'support-url': 'https://support.example.com/licensing',
  'support-hours': 'Monday to Friday, 8:00 to 18:00 UTC',
} as const;

/** Arguments of the elements that show a support contact, named like their attributes. */
export interface SupportArgs {
  'support-phone'?: string;
  'support-email'?: string;
  'support-url'?: string;
  'support-hours'?: string;
}

/** Arguments named like the elements' CSS custom properties, which the Controls panel sets as theme tokens. */
export type ThemeTokenArgs = { [token: `--${string}`]: string | undefined };

/** Returns an inline style that sets every theme token with a value in `args`, or `nothing` when none has one. */
export function themeTokenStyle(args: object): string | typeof nothing {
  const declarations = Object.entries(args)
    .filter(([name, value]) => name.startsWith('--') && typeof value === 'string' && value !== '')
    .map(([name, value]) => `${name}: ${String(value)}`);
  return declarations.length === 0 ? nothing : declarations.join('; ');
}

/**
 * Returns Testing Library queries bound to the shadow root of the first `tagName` element inside
 * `container`. Throws when the element or its shadow root is missing, so a play function fails with
 * a clear message instead of querying nothing.
 */
export function shadowQueries<TTag extends keyof HTMLElementTagNameMap>(container: ParentNode, tagName: TTag) {
  const element = container.querySelector(tagName);
  if (element === null) throw new Error(`No <${tagName}> found in the story.`);
  if (element.shadowRoot === null) throw new Error(`<${tagName}> has no shadow root. Import its define module in the stories file.`);
  return within(element.shadowRoot as unknown as HTMLElement);
}

/** Returns the MemoryAdapter that the story's render function gave to the element. */
export function memoryAdapterOf(element: { adapter?: LicenseAdapter | undefined } | null): MemoryAdapter {
  const adapter = element?.adapter;
  if (!(adapter instanceof MemoryAdapter)) throw new Error('The story did not give the element a MemoryAdapter.');
  return adapter;
}

/** Returns the element's text with runs of whitespace collapsed to one space and trimmed. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
