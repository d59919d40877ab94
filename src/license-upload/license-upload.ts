import { localized, msg } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, toLicenseError, type LicenseError } from '../adapter/errors.js';
import type { OfflineChallenge, SubmitResult } from '../adapter/types.js';
import { emit, type LicenseActivatedDetail } from '../internal/events.js';
import { LicenseElement } from '../internal/license-element.js';
import { accessRequiredText, accessRequiredTitle, describeError, describeSuccess } from '../internal/messages.js';
import { hasSupportContact, renderSupportContact } from '../internal/support-contact.js';
import { describeSubmitError } from './messages.js';
import { styles } from './license-upload.styles.js';

/**
 * Loads and defines `<offline-activation>` on demand: most installations reach the vendor and never
 * show the offline step, so its code stays out of the upload's first load.
 */
async function loadOfflineActivation(): Promise<void> {
  if (customElements.get('offline-activation') === undefined) await import('../offline-activation/define.js');
}

/** Failed submissions after which the support contact is shown. */
const FAILURES_BEFORE_SUPPORT = 2;

/**
 * Adds or renews a license: the admin pastes the key and presses Save. Success shows a message right
 * below the box; a failure shows what is wrong in red and keeps the text. When the installation
 * cannot reach the vendor, the backend answers with a challenge and the offline activation step
 * (`<offline-activation>`) takes the form's place.
 *
 * Users who may not manage licenses see why the form is unavailable.
 *
 * @tagname license-upload
 * @summary Form to add or renew a license by its key.
 *
 * @fires license-added - A key was applied online, adding or renewing a license. Detail: `{ license, previous? }`.
 * @fires license-upload-failed - The backend rejected the key or could not be reached. Detail: `{ code, message }`.
 * @fires license-challenge-received - The installation is offline and the backend issued a challenge. Detail: `{ challenge }`.
 *
 * @slot support - Extra support information shown after repeated failures, below the configured contact.
 *
 * @csspart form - The form around the text box and Save.
 * @csspart textarea - The license key text box.
 * @csspart save-button - The Save button.
 * @csspart message - The success or error message below the box.
 * @csspart support - The support contact.
 * @csspart notice - The box of the loading, error and access-required states.
 *
 * @cssprop --license-color-text - Text colour.
 * @cssprop --license-color-text-muted - Secondary text colour.
 * @cssprop --license-color-surface - Background of the text box and buttons.
 * @cssprop --license-color-border - Border colour.
 * @cssprop --license-color-accent - Colour of the Save button and focus.
 * @cssprop --license-color-on-accent - Text colour on the Save button.
 * @cssprop --license-color-danger - Colour of error messages.
 * @cssprop --license-color-success - Colour of success messages.
 * @cssprop --license-radius - Corner radius.
 * @cssprop --license-font-family - Font family.
 * @cssprop --license-font-family-mono - Font family of the text box.
 * @cssprop --license-focus-ring - Outline of focused controls.
 */
@localized()
export class LicenseUpload extends LicenseElement {
  static override styles = styles;

  /** Support phone number shown after repeated failures. */
  @property({ attribute: 'support-phone' })
  supportPhone?: string;

  /** Support e-mail address shown after repeated failures. */
  @property({ attribute: 'support-email' })
  supportEmail?: string;

  /** Support web page (http or https) shown after repeated failures. */
  @property({ attribute: 'support-url' })
  supportUrl?: string;

  /** Support opening hours, as text, shown after repeated failures. */
  @property({ attribute: 'support-hours' })
  supportHours?: string;

  /** The text in the key box. It stays after a failure and is cleared after success. */
  @property()
  value = '';

  /** @internal */
  @state()
  private challenge: OfflineChallenge | null = null;

  /** @internal */
  @state()
  private outcome: { kind: 'success'; text: string } | { kind: 'error'; error: LicenseError } | null = null;

  /** @internal */
  @state()
  private failures = 0;

  /**
   * Whether a submission runs, from Save until its result is shown. The task status alone is not
   * enough: the task completes before the result is handled, so a second Save in between would
   * send the key again.
   * @internal
   */
  @state()
  private busy = false;

  readonly #access = new Task(this, {
    task: async ([adapter], { signal }) => {
      if (adapter === undefined) return initialState;
      return adapter.getCurrentUser({ signal });
    },
    args: () => [this.activeAdapter] as const,
  });

  readonly #submit = new Task(this, {
    autoRun: false,
    task: async ([key]: readonly [string], { signal }): Promise<SubmitResult> => {
      const adapter = this.activeAdapter;
      if (adapter === undefined) throw new Error('No adapter');
      return adapter.submitLicenseKey(key, { signal });
    },
  });

  /** Whether a submission is in flight. */
  get submitting(): boolean {
    return this.busy;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#submit.abort();
  }

  /** Checks the signed-in user's access again, for example after the host switched accounts. */
  refresh(): void {
    void this.#access.run();
  }

  /** Submits the current text, unless it is empty or a submission is already running. */
  async submit(): Promise<void> {
    const key = this.value.trim();
    if (key === '' || this.busy || this.activeAdapter === undefined) return;

    this.busy = true;
    this.outcome = null;
    try {
      await this.#submit.run([key]);

      if (this.#submit.status === TaskStatus.COMPLETE && this.#submit.value !== undefined) {
        await this.#handleResult(this.#submit.value);
      } else if (this.#submit.status === TaskStatus.ERROR && !isAbortError(this.#submit.error)) {
        this.#handleError(toLicenseError(this.#submit.error));
      }
    } finally {
      this.busy = false;
    }
  }

  async #handleResult(result: SubmitResult): Promise<void> {
    if (result.kind === 'challenge') {
      await loadOfflineActivation();
      // The offline step replaces the form, and with it the focused Save button, so focus moves to the step.
      const hadFocus = this.#containsFocus();
      this.challenge = result.challenge;
      emit(this, 'license-challenge-received', { challenge: result.challenge });
      await this.updateComplete;
      if (hadFocus) this.renderRoot.querySelector('offline-activation')?.focus();
      return;
    }
    this.value = '';
    this.failures = 0;
    this.outcome = { kind: 'success', text: describeSuccess(result.license, result.previous, this.locale) };
    emit(this, 'license-added', { license: result.license, ...(result.previous ? { previous: result.previous } : {}) });
  }

  #handleError(error: LicenseError): void {
    this.failures++;
    this.outcome = { kind: 'error', error };
    emit(this, 'license-upload-failed', { code: error.code, message: error.message });
  }

  override render(): TemplateResult {
    if (this.#access.status === TaskStatus.ERROR) return this.#renderAccessError(toLicenseError(this.#access.error));

    const user = this.#access.value;
    if (user === undefined) return this.#renderLoading();
    if (!user.canManageLicenses) return this.#renderAccessRequired();
    if (this.challenge !== null) return this.#renderOfflineStep(this.challenge);
    return this.#renderForm();
  }

  #renderLoading(): TemplateResult {
    return html`<div class="notice" part="notice" role="status">
      <span class="spinner" aria-hidden="true"></span> ${msg('Loading…', { id: 'license-elements.common.loading' })}
    </div>`;
  }

  #renderAccessError(error: LicenseError): TemplateResult {
    if (error.code === 'forbidden') return this.#renderAccessRequired();
    return html`<div class="notice" part="notice" role="alert">
      <p class="error-text">${describeError(error)}</p>
      <button type="button" @click=${() => void this.#access.run()}>${msg('Retry', { id: 'license-elements.common.retry' })}</button>
    </div>`;
  }

  #renderAccessRequired(): TemplateResult {
    return html`<div class="notice" part="notice" role="region" aria-labelledby="access-title">
      <h2 id="access-title">${accessRequiredTitle()}</h2>
      <p>${accessRequiredText()}</p>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const error = this.outcome?.kind === 'error' ? this.outcome.error : null;
    const busy = this.submitting;
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <label for="key">${msg('License key', { id: 'license-elements.upload.label' })}</label>
      <p id="hint" class="hint">
        ${msg('Paste the whole key you received from your vendor, then press Save.', { id: 'license-elements.upload.hint' })}
      </p>
      <textarea
        id="key"
        part="textarea"
        rows="4"
        spellcheck="false"
        autocomplete="off"
        autocapitalize="off"
        .value=${this.value}
        aria-describedby=${this.outcome === null ? 'hint' : 'hint message'}
        aria-invalid=${error ? 'true' : 'false'}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <div class="actions">
        <button type="submit" class="primary" part="save-button" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}${msg('Save', { id: 'license-elements.upload.save' })}
        </button>
      </div>
      ${this.#renderMessage(error)}
    </form>`;
  }

  #renderMessage(error: LicenseError | null): TemplateResult {
    const success = this.outcome?.kind === 'success' ? this.outcome.text : '';
    const support = { phone: this.supportPhone, email: this.supportEmail, url: this.supportUrl, hours: this.supportHours };
    return html`
      <div id="message" part="message" class="message">
        <div role="status" class="success-text">${success}</div>
        <div role="alert" class="error-text">
          ${error
            ? html`<p>${describeSubmitError(error)}</p>
                <p>
                  ${msg('Check that the key was copied completely. If it keeps failing, contact support.', {
                    id: 'license-elements.upload.advice',
                  })}
                </p>`
            : nothing}
        </div>
      </div>
      ${error && this.failures >= FAILURES_BEFORE_SUPPORT && hasSupportContact(support) ? renderSupportContact(support) : nothing}
    `;
  }

  #renderOfflineStep(challenge: OfflineChallenge): TemplateResult {
    return html`<div class="offline-step">
      <offline-activation
        .adapter=${this.adapter}
        .challenge=${challenge}
        .supportPhone=${this.supportPhone}
        .supportEmail=${this.supportEmail}
        .supportUrl=${this.supportUrl}
        .supportHours=${this.supportHours}
        @license-activated=${this.#onActivated}
      ></offline-activation>
      <button type="button" class="back" @click=${this.#onBack}>
        ${msg('Use a different key', { id: 'license-elements.upload.back' })}
      </button>
    </div>`;
  }

  #onInput(event: InputEvent): void {
    this.value = (event.target as HTMLTextAreaElement).value;
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.submit();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  #onActivated(event: CustomEvent<LicenseActivatedDetail>): void {
    const { license, previous } = event.detail;
    const hadFocus = this.#containsFocus();
    this.challenge = null;
    this.value = '';
    this.failures = 0;
    this.outcome = { kind: 'success', text: describeSuccess(license, previous, this.locale) };
    if (hadFocus) void this.#focusKeyBox();
  }

  #onBack(): void {
    this.challenge = null;
    void this.#focusKeyBox();
  }

  /** Whether focus is inside this element, including inside the offline step. */
  #containsFocus(): boolean {
    return this.shadowRoot?.activeElement != null;
  }

  /** Focuses the key box once the form is back; the box describes the success message, if any. */
  async #focusKeyBox(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'license-upload': LicenseUpload;
  }
}
