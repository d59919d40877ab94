import { ContextProvider, createContext } from '@lit/context';
import type { LicenseAdapter } from './types.js';

/** Context through which an ancestor gives all license elements below it their adapter. */
export const licenseAdapterContext = createContext<LicenseAdapter | undefined>(Symbol.for('license-elements.adapter'));

/**
 * Makes `element` provide `adapter` to every license element inside it, in light or shadow DOM.
 * Works on any element, so plain pages and other frameworks need no Lit, and in any order: license
 * elements already on the page pick the adapter up. Call `setValue` on the returned provider to
 * swap the adapter later.
 */
export function provideLicenseAdapter(
  element: HTMLElement,
  adapter: LicenseAdapter,
): ContextProvider<typeof licenseAdapterContext> {
  const provider = new ContextProvider(element, { context: licenseAdapterContext, initialValue: adapter });

  // A provider on a Lit host announces itself when connected; on any other element it does not, so
  // announce it here. License elements that found no provider when they connected ask again.
  const announcement = Object.assign(new Event('context-provider', { bubbles: true, composed: true }), {
    context: licenseAdapterContext,
    contextTarget: element,
  });
  element.dispatchEvent(announcement);
  return provider;
}
