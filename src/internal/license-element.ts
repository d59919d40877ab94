import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { licenseAdapterContext } from '../adapter/context.js';
import type { LicenseAdapter } from '../adapter/types.js';
import { validatingAdapter } from '../adapter/validating-adapter.js';
import { resolveLocale } from './locale.js';

/**
 * Base of the kit's elements: resolves the adapter (the `adapter` property, else the nearest
 * provider through context) and the locale used for Intl formatting.
 */
export class LicenseElement extends LitElement {
  /**
   * The backend adapter. When unset, the element uses the adapter an ancestor provides through
   * `provideLicenseAdapter`.
   */
  @property({ attribute: false })
  adapter?: LicenseAdapter;

  /** @internal */
  @state()
  protected contextAdapter?: LicenseAdapter;

  readonly #consumer = new ContextConsumer(this, {
    context: licenseAdapterContext,
    subscribe: true,
    callback: (adapter) => {
      this.contextAdapter = adapter;
    },
  });

  #wrapped?: { source: LicenseAdapter; validating: LicenseAdapter };

  /**
   * Asks again for the adapter when a provider appears after this element connected, for example
   * when the page defines the tags before it calls `provideLicenseAdapter`.
   */
  readonly #onProviderAdded = (event: Event): void => {
    if ((event as Event & { context?: unknown }).context !== licenseAdapterContext) return;
    if (this.contextAdapter === undefined) this.#consumer.hostConnected();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('context-provider', this.#onProviderAdded);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('context-provider', this.#onProviderAdded);
  }

  /**
   * The adapter the element calls, wrapped so that answers are validated and failures are typed;
   * `undefined` until an adapter is set or provided.
   * @internal
   */
  protected get activeAdapter(): LicenseAdapter | undefined {
    const source = this.adapter ?? this.contextAdapter;
    if (source === undefined) return undefined;
    if (this.#wrapped?.source !== source) this.#wrapped = { source, validating: validatingAdapter(source) };
    return this.#wrapped.validating;
  }

  /**
   * Locale for dates and numbers: the element's `lang`, else the nearest ancestor's, else the browser's.
   * @internal
   */
  protected get locale(): string {
    return resolveLocale(this);
  }
}
