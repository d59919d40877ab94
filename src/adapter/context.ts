import { ContextProvider, createContext } from '@lit/context';
import type { LicenseAdapter } from './types.js';

/** Context through which an ancestor gives all license elements below it their adapter. */
export const licenseAdapterContext = createContext<LicenseAdapter | undefined>(Symbol.for('license-elements.adapter'));

/**
 * Makes `element` provide `adapter` to every license element inside it, in light or shadow DOM.
 * Works on any element, so plain pages and other frameworks need no Lit. Call `setValue` on the
 * returned provider to swap the adapter later.
 */
export function provideLicenseAdapter(
  element: HTMLElement,
  adapter: LicenseAdapter,
): ContextProvider<typeof licenseAdapterContext> {
  return new ContextProvider(element, { context: licenseAdapterContext, initialValue: adapter });
}
