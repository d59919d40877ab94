/**
 * Queries for tests: find elements in a shadow root by ARIA role and accessible name, the way
 * assistive technology finds them, with an error that lists what was there when nothing matches.
 */

const IMPLICIT_ROLES: Record<string, (element: Element) => boolean> = {
  button: (element) => element.tagName === 'BUTTON',
  textbox: (element) =>
    element.tagName === 'TEXTAREA' || (element.tagName === 'INPUT' && ['text', 'search', ''].includes((element as HTMLInputElement).type)),
  table: (element) => element.tagName === 'TABLE',
  row: (element) => element.tagName === 'TR',
  link: (element) => element.tagName === 'A' && element.hasAttribute('href'),
  heading: (element) => /^H[1-6]$/.test(element.tagName),
  status: (element) => element.getAttribute('role') === 'status',
  alert: (element) => element.getAttribute('role') === 'alert',
};

function hasRole(element: Element, role: string): boolean {
  const explicit = element.getAttribute('role');
  if (explicit !== null) return explicit.split(' ').includes(role);
  return IMPLICIT_ROLES[role]?.(element) ?? false;
}

function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Computes a simplified accessible name: aria-labelledby, aria-label, a `<label for>`, then the text. */
export function accessibleName(element: Element): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(' ')
      .map((id) => root.getElementById(id))
      .filter((label): label is HTMLElement => label !== null)
      .map(textOf)
      .join(' ');
  }
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  if (element.id) {
    const forLabel = root.querySelector(`label[for="${element.id}"]`);
    if (forLabel) return textOf(forLabel);
  }
  return textOf(element);
}

function allElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...allElements(element.shadowRoot));
  }
  return found;
}

/** Every element under `host`'s shadow root (and nested shadow roots) with `role` and a name matching `name`. */
export function queryAllByRole<T extends Element = HTMLElement>(host: Element | ShadowRoot, role: string, name?: string | RegExp): T[] {
  const root = host instanceof ShadowRoot ? host : (host.shadowRoot ?? host);
  return allElements(root).filter((element) => {
    if (!hasRole(element, role)) return false;
    if (name === undefined) return true;
    const actual = accessibleName(element);
    return typeof name === 'string' ? actual === name : name.test(actual);
  }) as T[];
}

/** The single element with `role` and `name`; throws with the candidates' names when there is none. */
export function getByRole<T extends Element = HTMLElement>(host: Element | ShadowRoot, role: string, name?: string | RegExp): T {
  const matches = queryAllByRole<T>(host, role, name);
  if (matches.length === 1) return matches[0]!;

  const candidates = queryAllByRole(host, role).map((element) => `"${accessibleName(element)}"`);
  const wanted = name === undefined ? role : `${role} named ${String(name)}`;
  throw new Error(
    matches.length === 0
      ? `No ${wanted}. Elements with role ${role}: ${candidates.join(', ') || 'none'}`
      : `${matches.length} elements match ${wanted}; expected one`,
  );
}

/** Waits until `predicate` returns a truthy value, polling every animation frame, for at most `timeoutMs`. */
export async function waitFor<T>(predicate: () => T, message: string, timeoutMs = 3000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    try {
      const value = predicate();
      if (value) return value as NonNullable<T>;
    } catch {
      // Not there yet: keep polling until the timeout.
    }
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${message}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
