/**
 * Registers `tagName` unless a custom element already has it, so loading two copies of the kit on
 * one page (two bundles) neither throws nor stops the other tags from registering.
 */
export function defineElement(tagName: string, constructor: CustomElementConstructor): void {
  if (customElements.get(tagName) !== undefined) return;
  try {
    customElements.define(tagName, constructor);
  } catch (error) {
    // Another bundle may have defined the tag between the check and the call; that one wins.
    if (customElements.get(tagName) === undefined) throw error;
  }
}
