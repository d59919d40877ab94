import { localized, msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, toLicenseError, type LicenseError } from '../adapter/errors.js';
import type { ActivationResult, OfflineChallenge } from '../adapter/types.js';
import { emit } from '../internal/events.js';
import { LicenseElement } from '../internal/license-element.js';
import { accessRequiredText, accessRequiredTitle, describeError, describeSuccess } from '../internal/messages.js';
import { renderSupportContact } from '../internal/support-contact.js';
import { describeActivationError } from './messages.js';
import { styles } from './offline-activation.styles.js';

/**
 * Completes an activation on an installation that cannot reach the vendor. It shows the challenge
 * key in groups that are easy to read aloud, the time left before the challenge expires and the
 * support contact the host configured; the admin types the response key support reads back and
 * presses "Activate Offline".
 *
 * Given a `challenge` it shows that one; otherwise it asks the adapter for the pending challenge, so
 * a reload loses nothing.
 *
 * @tagname offline-activation
 * @summary Offline activation with a challenge key and a response key.
 *
 * @fires license-activated - The response key was accepted and the license applied. Detail: `{ license, previous? }`.
 * @fires license-activation-failed - The backend rejected the response key or could not be reached. Detail: `{ code, message }`.
 *
 * @slot support - Extra support information, shown below the configured contact.
 *
 * @csspart challenge-key - The challenge key.
 * @csspart group - One group of the challenge key.
 * @csspart time-left - The time left before the challenge expires.
 * @csspart support - The support contact.
 * @csspart input - The response key input.
 * @csspart activate-button - The "Activate Offline" button.
 * @csspart message - The success or error message below the form.
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

  /** The challenge to complete. When unset, the element loads the pending challenge from the adapter. */
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

  /** The typed response key. It stays after a failure. */
  @property({ attribute: false })
  responseKey = '';

  /** @internal */
  @state()
  private secondsLeft = 0;

  /** @internal */
  @state()
  private outcome: { kind: 'success'; text: string } | { kind: 'error'; error: LicenseError } | null = null;

  /** Monotonic deadline of the shown challenge, from `performance.now()`. */
  #deadline = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Options of a `focus()` call that waits for a heading to render. */
  #focusRequest: FocusOptions | undefined;

  readonly #pending = new Task(this, {
    task: async ([adapter, given], { signal }) => {
      if (adapter === undefined) return initialState;
      const user = await adapter.getCurrentUser({ signal });
      if (!user.canManageLicenses) return { kind: 'forbidden' as const };
      const challenge = given ?? (await adapter.getPendingChallenge({ signal }));
      return { kind: 'ready' as const, challenge };
    },
    args: () => [this.activeAdapter, this.challenge] as const,
    onComplete: (result) => {
      if (result.kind === 'ready' && result.challenge !== null && result.challenge !== this.challenge) {
        this.#startCountdown(result.challenge);
      }
    },
  });

  readonly #activate = new Task(this, {
    autoRun: false,
    task: async ([challengeId, responseKey]: readonly [string, string], { signal }): Promise<ActivationResult> => {
      const adapter = this.activeAdapter;
      if (adapter === undefined) throw new Error('No adapter');
      return adapter.activateOffline(challengeId, responseKey, { signal });
    },
  });

  /** Whether an activation is in flight. */
  get activating(): boolean {
    return this.#activate.status === TaskStatus.PENDING;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#deadline > 0) this.#tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
    this.#activate.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('challenge') && this.challenge !== undefined) {
      this.#startCountdown(this.challenge);
      this.outcome = null;
    }
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

  /** Sends the typed response key, unless it is empty, the challenge expired or an activation is running. */
  async activate(): Promise<void> {
    const challenge = this.#currentChallenge();
    const responseKey = this.responseKey.trim();
    if (challenge === null || responseKey === '' || this.activating || this.secondsLeft <= 0) return;

    this.outcome = null;
    await this.#activate.run([challenge.id, responseKey]);

    if (this.#activate.status === TaskStatus.COMPLETE && this.#activate.value !== undefined) {
      const { license, previous } = this.#activate.value;
      this.#stopTimer();
      this.#deadline = 0;
      this.responseKey = '';
      this.outcome = { kind: 'success', text: describeSuccess(license, previous, this.locale) };
      emit(this, 'license-activated', { license, ...(previous ? { previous } : {}) });
    } else if (this.#activate.status === TaskStatus.ERROR && !isAbortError(this.#activate.error)) {
      const error = toLicenseError(this.#activate.error);
      if (error.code === 'challenge-expired') this.#expire();
      this.outcome = { kind: 'error', error };
      emit(this, 'license-activation-failed', { code: error.code, message: error.message });
    }
  }

  #applyFocusRequest(): void {
    const heading = this.#focusRequest === undefined ? null : this.renderRoot.querySelector<HTMLElement>('h2');
    if (heading === null) return;

    heading.focus(this.#focusRequest);
    this.#focusRequest = undefined;
  }

  #currentChallenge(): OfflineChallenge | null {
    if (this.challenge !== undefined) return this.challenge;
    const value = this.#pending.value;
    return value?.kind === 'ready' ? value.challenge : null;
  }

  #startCountdown(challenge: OfflineChallenge): void {
    this.#deadline = performance.now() + challenge.expiresInSeconds * 1000;
    this.#tick();
  }

  #tick(): void {
    this.secondsLeft = Math.max(0, Math.ceil((this.#deadline - performance.now()) / 1000));
    if (this.secondsLeft <= 0) {
      this.#stopTimer();
      return;
    }
    this.#timer ??= setInterval(() => this.#tick(), 1000);
  }

  #expire(): void {
    this.#deadline = performance.now();
    this.#tick();
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  override render(): TemplateResult {
    if (this.outcome?.kind === 'success') return this.#renderSuccess(this.outcome.text);
    if (this.#pending.status === TaskStatus.ERROR) return this.#renderLoadError(toLicenseError(this.#pending.error));

    const value = this.#pending.value;
    if (value === undefined || this.#pending.status === TaskStatus.INITIAL) return this.#renderLoading();
    if (value.kind === 'forbidden') return this.#renderAccessRequired();

    const challenge = this.#currentChallenge();
    if (challenge === null) return this.#renderNoChallenge();
    return this.#renderChallenge(challenge);
  }

  #renderLoading(): TemplateResult {
    return html`<div class="notice" part="notice" role="status">
      <span class="spinner" aria-hidden="true"></span> ${msg('Loading…', { id: 'license-elements.common.loading' })}
    </div>`;
  }

  #renderLoadError(error: LicenseError): TemplateResult {
    if (error.code === 'forbidden') return this.#renderAccessRequired();
    return html`<div class="notice" part="notice" role="alert">
      <h2 tabindex="-1">${msg('The offline activation could not be loaded', { id: 'license-elements.offline.load-error' })}</h2>
      <p class="error-text">${describeError(error)}</p>
      <button type="button" @click=${() => void this.#pending.run()}>${msg('Retry', { id: 'license-elements.common.retry' })}</button>
    </div>`;
  }

  #renderAccessRequired(): TemplateResult {
    return html`<div class="notice" part="notice" role="region" aria-labelledby="access-title">
      <h2 id="access-title" tabindex="-1">${accessRequiredTitle()}</h2>
      <p>${accessRequiredText()}</p>
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

  #renderSuccess(text: string): TemplateResult {
    return html`<div class="notice success" part="notice">
      <div role="status" class="success-text" part="message">${text}</div>
    </div>`;
  }

  #renderChallenge(challenge: OfflineChallenge): TemplateResult {
    const expired = this.secondsLeft <= 0;
    const support = { phone: this.supportPhone, email: this.supportEmail, url: this.supportUrl, hours: this.supportHours };
    return html`
      <section aria-labelledby="title">
        <h2 id="title" tabindex="-1">${msg('Activate offline', { id: 'license-elements.offline.title' })}</h2>
        <p>
          ${msg('This installation cannot reach the vendor. Read the challenge key below to support; they will read you a response key.', {
            id: 'license-elements.offline.intro',
          })}
        </p>
        <h3 id="challenge-label">${msg('Challenge key', { id: 'license-elements.offline.challenge-label' })}</h3>
        <p class="challenge" part="challenge-key" aria-labelledby="challenge-label">
          ${challenge.challengeKey.split('-').map((group) => html`<span part="group" class="group">${group}</span> `)}
        </p>
        ${expired ? this.#renderExpired() : this.#renderTimeLeft()}
        ${renderSupportContact(support)}
        ${this.#renderForm(expired)}
      </section>
    `;
  }

  #renderTimeLeft(): TemplateResult {
    const minutes = Math.floor(this.secondsLeft / 60);
    const seconds = String(this.secondsLeft % 60).padStart(2, '0');
    const clock = `${minutes}:${seconds}`;
    return html`<p class="time-left ${this.secondsLeft <= 60 ? 'short' : ''}" part="time-left">
      ${msg(str`Time left: ${clock}`, { id: 'license-elements.offline.time-left' })}
    </p>`;
  }

  #renderExpired(): TemplateResult {
    return html`<div class="notice expired" part="notice">
      <p class="error-text">
        ${msg('This challenge has expired. Submit the license key again to get a new challenge.', {
          id: 'license-elements.offline.expired',
        })}
      </p>
    </div>`;
  }

  #renderForm(expired: boolean): TemplateResult {
    const error = this.outcome?.kind === 'error' ? this.outcome.error : null;
    const disabled = expired || this.activating;
    return html`<form novalidate @submit=${this.#onSubmit}>
      <label for="response">${msg('Response key', { id: 'license-elements.offline.response-label' })}</label>
      <input
        id="response"
        part="input"
        type="text"
        spellcheck="false"
        autocomplete="off"
        autocapitalize="characters"
        .value=${this.responseKey}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="message"
        @input=${(event: InputEvent) => (this.responseKey = (event.target as HTMLInputElement).value)}
      />
      <div class="actions">
        <button type="submit" class="primary" part="activate-button" ?disabled=${expired} aria-disabled=${disabled ? 'true' : 'false'}>
          ${this.activating ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}${msg('Activate Offline', {
            id: 'license-elements.offline.activate',
          })}
        </button>
      </div>
      <div id="message" part="message">
        <div role="alert" class="error-text">
          ${error
            ? html`<p>${describeActivationError(error)}</p>
                ${error.code === 'response-mismatch' || error.code === 'invalid-key'
                  ? html`<p>${msg('Check that the response key was typed correctly.', { id: 'license-elements.offline.advice' })}</p>`
                  : nothing}`
            : nothing}
        </div>
      </div>
    </form>`;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.activate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'offline-activation': OfflineActivation;
  }
}
