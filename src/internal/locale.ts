/**
 * Finds the locale for Intl formatting: the nearest `lang` attribute from `element` outwards,
 * crossing shadow roots, else the document's, else the browser's.
 */
export function resolveLocale(element: Element): string {
  let node: Element | null = element;
  while (node !== null) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;

    if (node.parentElement !== null) {
      node = node.parentElement;
    } else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return navigator.language || 'en';
}

/** Whether the nearest `dir` from `element` outwards is right-to-left. */
export function isRightToLeft(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}
