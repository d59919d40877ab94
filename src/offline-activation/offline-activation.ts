import { localized, msg } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LicenseError, toLicenseError } from '../adapter/errors.js';
import type { GroupedKeyFormat, OfflineChallenge } from '../adapter/types.js';
import { LicenseElement } from '../internal/license-element.js';
import { renderAccessRequired, renderLoading } from '../internal/states.js';
import { describeError } from '../internal/messages.js';
import type { ChallengeStep } from './challenge-step.js';
import { styles } from './offline-activation.styles.js';

/**
 * Completes an activation on an installation that cannot reach the vendor, usually while the admin
 * reads the challenge key to a support engineer over the phone and types back the response key.
 *
 * The challenge shows in groups in a monospace face, with buttons to copy it, download it as a text
 * file, show it as a QR code and spell it phonetically. The time left counts down on the monotonic
 * clock from the lifetime the server reported, and is read again from the server when the tab
 * becomes visible or the wall clock jumps (a sleeping laptop, a clock change). Screen readers hear
 * it at 5 minutes, 1 minute and expiry. Once the challenge expires, the admin can generate a new
 * one. When the adapter publishes the response key format, each group is checked as it is typed.
 *
 * Given a `challenge` it shows that one; otherwise it asks the adapter for the pending challenge, so
 * a reload or a second tab shows the same challenge and time left.
 *
 * @tagname offline-activation
 * @summary Offline activation with a challenge key and a response key.
 *
 * @fires license-activated - The response key was accepted and the license applied. Detail: `{ license, previous? }`.
 * @fires license-activation-failed - The backend rejected the response key or could not be reached. Detail: `{ code, message }`.
 * @fires license-challenge-renewed - A new challenge replaced the expired one. Detail: `{ challenge }`.
 *
 * @slot support - Extra support information, shown below the configured contact.
 *
 * @csspart challenge-key - The challenge key.
 * @csspart group - One group of the challenge key.
 * @csspart challenge-tools - The Copy, Download, QR code and phonetic spelling buttons.
 * @csspart qr-code - The QR code of the challenge key (an SVG image, dark on white in every colour scheme).
 * @csspart phonetic - The phonetic spelling of the challenge key (an ordered list, one item per group).
 * @csspart time-left - The time left before the challenge expires.
 * @csspart support - The support contact.
 * @csspart input - The response key input.
 * @csspart activate-button - The "Activate Offline" button.
 * @csspart message - The error message below the form.
 * @csspart status - The live region: the success message, and for screen readers the time left at thresholds and other announcements.
 * @csspart notice - The box of the loading, empty, error, expired and access-required states.
 *
 * @cssprop --license-color-text - Text colour.
 * @cssprop --license-color-text-muted - Secondary text colour.
 * @cssprop --license-color-surface - Background of boxes, inputs and buttons.
 * @cssprop --license-color-border - Border colour.
 * @cssprop --license-color-accent - Colour of the Activate button and focus.
 * @cssprop --license-color-on-accent - Text colour on the Activate button.
 * @cssprop --license-color-danger - Colour of errors and the expired state.
 * @cssprop --license-color-success - Colour of success messages.
 * @cssprop --license-color-warning - Colour of the time left when it runs short.
 * @cssprop --license-radius - Corner radius.
 * @cssprop --license-font-family - Font family.
 * @cssprop --license-font-family-mono - Font family of the keys.
 * @cssprop --license-focus-ring - Outline of focused controls.
 */
@localized()
export class OfflineActivation extends LicenseElement {
  static override styles = styles;

  /**
   * The challenge to complete. When unset, the element loads the pending challenge from the
   * adapter. After a renewal the element shows the new challenge, which `license-challenge-renewed` carries.
   */
  @property({ attribute: false })
  challenge?: OfflineChallenge;

  /** Support phone number; rendered as a tel: link. */
  @property({ attribute: 'support-phone' })
  supportPhone?: string;

  /** Support e-mail address; rendered as a mailto: link. */
  @property({ attribute: 'support-email' })
  supportEmail?: string;

  /** Support web page (http or https). */
  @property({ attribute: 'support-url' })
  supportUrl?: string;

  /** Support opening hours, as text. */
  @property({ attribute: 'support-hours' })
  supportHours?: string;

  /** The typed response key. It stays after a failure and at expiry, and is cleared when another challenge shows. */
  @property({ attribute: false })
  responseKey = '';

  /** @internal */
  @state()
  private current: OfflineChallenge | null = null;

  /** Text of the live region: the success message, or an announcement for screen readers. @internal */
  @state()
  private announcement = '';

  /** @internal */
  @state()
  private activated = false;

  /** The challenge view, loaded on demand once there is a challenge to show. @internal */
  @state()
  private step?: ChallengeStep;

  /** The failure to load the challenge view. @internal */
  @state()
  private stepError?: LicenseError;

  /** When the shown challenge arrived, on the monotonic clock. */
  #receivedAt = 0;

  /** Options of a `focus()` call that waits for a heading to render. */
  #focusRequest: FocusOptions | undefined;

  readonly #pending = new Task(this, {
    task: async ([adapter, given], { signal }) => {
      if (adapter === undefined) return initialState;
      // Without a published format only generic checks apply, so its failure does not fail the load.
      const formats = adapter.getKeyFormats?.({ signal }).catch(() => undefined);
      const user = await adapter.getCurrentUser({ signal });
      if (!user.canManageLicenses) return { kind: 'forbidden' as const };
      const challenge = given ?? (await adapter.getPendingChallenge({ signal }));
      return { kind: 'ready' as const, challenge, format: (await formats)?.responseKey };
    },
    args: () => [this.activeAdapter, this.challenge] as const,
    onComplete: (result) => {
      if (result.kind === 'ready' && this.challenge === undefined) this.#show(result.challenge);
    },
  });

  /** Whether an activation is in flight. */
  get activating(): boolean {
    return this.step?.activating ?? false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('challenge') && this.challenge !== undefined) this.#show(this.challenge);
  }

  protected override updated(): void {
    this.#applyFocusRequest();
  }

  /**
   * Moves focus to the heading of the state shown, so that a screen reader starts reading at the
   * top of the step. While the element is still loading, focus moves once a heading renders.
   */
  override focus(options?: FocusOptions): void {
    this.#focusRequest = options ?? {};
    this.#applyFocusRequest();
  }

  /**
   * Checks the signed-in user's access again and, unless a `challenge` was given, reloads the pending
   * challenge, for example after the host switched accounts or another tab issued a challenge.
   */
  refresh(): void {
    void this.#pending.run();
  }

  /**
   * Sends the typed response key, unless it is empty, the challenge expired or was replaced, or an
   * activation is running. With a published key format, a key with a mistyped or missing group is
   * not sent, and the element shows which group to check.
   */
  async activate(): Promise<void> {
    await this.step?.activate();
  }

  /** Replaces the expired challenge with a new one from the adapter; does nothing while a renewal is running. */
  async renew(): Promise<void> {
    await this.step?.renew();
  }

  #applyFocusRequest(): void {
    const heading = this.#focusRequest === undefined ? null : this.renderRoot.querySelector<HTMLElement>('h2');
    if (heading === null) return;

    heading.focus(this.#focusRequest);
    this.#focusRequest = undefined;
  }

  #show(challenge: OfflineChallenge | null): void {
    // Another challenge after a success starts a new activation.
    if (challenge?.id !== this.current?.id) this.activated = false;
    this.current = challenge;
    this.#receivedAt = performance.now();
    if (challenge === null) return;
    if (this.step) this.step.show(challenge, this.#receivedAt);
    else void this.#loadStep();
  }

  async #loadStep(): Promise<void> {
    this.stepError = undefined;
    try {
      const { ChallengeStep } = await import('./challenge-step.js');
      this.step ??= new ChallengeStep(this, {
        adapter: () => this.activeAdapter,
        format: (): GroupedKeyFormat | undefined => {
          const value = this.#pending.value;
          return value?.kind === 'ready' ? value.format : undefined;
        },
        locale: () => this.locale,
        support: () => ({ phone: this.supportPhone, email: this.supportEmail, url: this.supportUrl, hours: this.supportHours }),
        announce: (text) => {
          // A repeat gets a no-break space, so that the live region announces it again.
          this.announcement = text === this.announcement ? `${text}\u00a0` : text;
        },
        succeed: (text) => {
          this.activated = true;
          this.announcement = text;
          // The form goes away with the focused control, so focus moves to the success message.
          if (this.matches(':focus-within')) {
            void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part=status]')?.focus());
          }
        },
        showNewest: () => {
          this.challenge = undefined;
          this.focus();
          void this.#pending.run();
        },
      });
      if (this.current !== null) this.step.show(this.current, this.#receivedAt);
    } catch (error) {
      this.stepError = new LicenseError('network', 'Loading the challenge view failed', { cause: error });
    }
  }

  override render(): TemplateResult {
    // The live region is rendered in every state, so that screen readers announce what arrives in it.
    return html`${this.#renderState()}
      <p role="status" part="status" tabindex="-1" class=${this.activated ? 'notice success-text' : 'visually-hidden'}>${this.announcement}</p>`;
  }

  #renderState(): TemplateResult | typeof nothing {
    if (this.activated) return nothing;
    if (this.#pending.status === TaskStatus.ERROR) return this.#renderLoadError(toLicenseError(this.#pending.error), () => this.refresh());
    if (this.stepError) return this.#renderLoadError(this.stepError, () => void this.#loadStep());

    const value = this.#pending.value;
    if (value === undefined || this.#pending.status === TaskStatus.INITIAL) return renderLoading(msg('Loading…', { id: 'license-elements.common.loading' }));
    if (value.kind === 'forbidden') return renderAccessRequired();
    if (this.current === null) return this.#renderNoChallenge();
    return this.step?.render() ?? renderLoading(msg('Loading…', { id: 'license-elements.common.loading' }));
  }

  #renderLoadError(error: LicenseError, retry: () => void): TemplateResult {
    if (error.code === 'forbidden') return renderAccessRequired();
    return html`<div class="notice" part="notice" role="alert">
      <h2 tabindex="-1">${msg('The offline activation could not be loaded', { id: 'license-elements.offline.load-error' })}</h2>
      <p class="error-text">${describeError(error)}</p>
      <button type="button" @click=${retry}>${msg('Retry', { id: 'license-elements.common.retry' })}</button>
    </div>`;
  }

  #renderNoChallenge(): TemplateResult {
    return html`<div class="notice" part="notice">
      <h2 tabindex="-1">${msg('No offline activation in progress', { id: 'license-elements.offline.none-title' })}</h2>
      <p>
        ${msg('Add a license key first. If this installation cannot reach the vendor, an activation challenge appears here.', {
          id: 'license-elements.offline.none-text',
        })}
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'offline-activation': OfflineActivation;
  }
}
