/**
 * Queries for tests: find elements in a shadow root by ARIA role and accessible name, the way
 * assistive technology finds them, with an error that lists what was there when nothing matches.
 * Also real mouse clicks and typing through the browser's input pipeline.
 */
import { sendKeys, sendMouse } from '@web/test-runner-commands';

/** The real monotonic clock, kept so that waiting still works while a test fakes `performance.now`. */
const realNow = performance.now.bind(performance);

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
  region: (element) => element.tagName === 'SECTION' && (element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby')),
  cell: (element) => element.tagName === 'TD',
  columnheader: (element) => element.tagName === 'TH' && element.getAttribute('scope') === 'col',
  rowheader: (element) => element.tagName === 'TH' && element.getAttribute('scope') === 'row',
};

function hasRole(element: Element, role: string): boolean {
  const explicit = element.getAttribute('role');
  if (explicit !== null) return explicit.split(' ').includes(role);
  return IMPLICIT_ROLES[role]?.(element) ?? false;
}

/** Returns the element's text with runs of whitespace collapsed to one space. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Computes a simplified accessible name: aria-labelledby, aria-label, a `<label for>`, a table's
 * caption, then the text.
 */
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
  if (element instanceof HTMLTableElement) return element.caption ? textOf(element.caption) : '';
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

/**
 * Waits until `predicate` returns a truthy value, polling every 10 ms, for at most `timeoutMs`, and
 * returns that value. It polls with timers, not animation frames, because wtr runs two test files
 * in parallel pages and Chromium does not run animation frames in the page that is not in front.
 */
export async function waitFor<T>(
  predicate: () => T | false | 0 | '' | null | undefined,
  message: string,
  timeoutMs = 3000,
): Promise<T> {
  const start = realNow();
  for (;;) {
    try {
      const value = predicate();
      if (value) return value;
    } catch {
      // Not there yet: keep polling until the timeout.
    }
    if (realNow() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Clicks the centre of `element` with the real mouse, after scrolling it into view. */
export async function clickWithMouse(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

/**
 * Double-clicks `element`: two real clicks, then the `dblclick` event. The wtr `sendMouse` command
 * sends every click with a click count of 1, so Chromium never fires `dblclick` on its own.
 */
export async function doubleClickWithMouse(element: Element): Promise<void> {
  await clickWithMouse(element);
  await clickWithMouse(element);
  element.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, cancelable: true, detail: 2 }));
}

/** Focuses `element` and types `text` key by key, as a person at the keyboard would. */
export async function typeInto(element: HTMLElement, text: string): Promise<void> {
  element.focus();
  await sendKeys({ type: text });
}

/** Returns the focused element, looking inside open shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Waits for the next timer task, so every promise callback queued so far has run. Used to check that
 * something did not happen, where there is no condition to wait for.
 */
export async function nextTask(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}
