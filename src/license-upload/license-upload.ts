import { localized, msg } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, toLicenseError, type LicenseError } from '../adapter/errors.js';
import type { GroupedKeyFormat, OfflineChallenge, SubmitResult } from '../adapter/types.js';
import { emit, type LicenseActivatedDetail } from '../internal/events.js';
import { LicenseElement } from '../internal/license-element.js';
import { renderAccessRequired, renderLoading } from '../internal/states.js';
import { describeError, describeSuccess } from '../internal/messages.js';
import { styles } from './license-upload.styles.js';
import type { SupportContact } from '../internal/support-contact.js';
import type { KeyRepair } from './normalize-key.js';
import type { Outcome } from './render-outcome.js';

type UploadTools = typeof import('./upload-tools.js');

/** Whether a drag carries files, as opposed to text dragged from the page. */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Failed submissions after which the support contact is shown. */
const FAILURES_BEFORE_SUPPORT = 2;

/**
 * Adds or renews a license: the admin pastes or types the key, chooses a license file or drops one
 * on the form, and presses Save (or Ctrl+Enter, Cmd+Enter on a Mac). Before sending, the text is
 * repaired of copy damage (see `normalizeKey`) and, when the adapter publishes a license key format,
 * checked against it; a short note lists the repairs. Success shows a message right below the box;
 * a failure shows what is wrong in red and keeps the text. When the installation cannot reach the
 * vendor, the backend answers with a challenge and the offline activation step
 * (`<offline-activation>`) takes the form's place.
 *
 * Users who may not manage licenses see why the form is unavailable.
 *
 * @tagname license-upload
 * @summary Form to add or renew a license by its key.
 *
 * @fires license-added - A key was applied online, adding or renewing a license. Detail: `{ license, previous? }`.
 * @fires license-upload-failed - The backend rejected the key or could not be reached, or the key was not sent because it is damaged (code `invalid-key`). Detail: `{ code, message }`.
 * @fires license-challenge-received - The installation is offline and the backend issued a challenge. Detail: `{ challenge }`.
 *
 * @slot support - Extra support information shown after repeated failures, below the configured contact.
 *
 * @csspart form - The form around the text box and Save.
 * @csspart textarea - The license key text box.
 * @csspart file-button - The button that opens the file chooser.
 * @csspart save-button - The Save button.
 * @csspart message - The success or error message below the box.
 * @csspart repairs - The note listing the repairs made to the pasted text.
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
  private outcome: Outcome | null = null;

  #tools: Promise<UploadTools> | undefined;

  /** The loaded upload tools, to render messages synchronously once a result needs them. */
  #loadedTools: UploadTools | undefined;

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

  /**
   * The signed-in user and, for administrators, the pending offline challenge: one issued before a
   * reload or in another tab brings the offline step back instead of an empty form.
   */
  readonly #access = new Task(this, {
    task: async ([adapter], { signal }) => {
      if (adapter === undefined) return initialState;
      const user = await adapter.getCurrentUser({ signal });
      // Without the pending challenge the form still works, so a failure to read it only skips the resume.
      const pending = user.canManageLicenses ? await adapter.getPendingChallenge({ signal }).catch(() => null) : null;
      if (pending !== null) await (await this.#loadTools()).loadOfflineActivation();
      return { user, pending };
    },
    args: () => [this.activeAdapter] as const,
    onComplete: ({ pending }) => {
      if (pending !== null && this.challenge === null) this.challenge = pending;
    },
  });

  /**
   * The license key format the adapter publishes, or `null` when there is none. It is read once the
   * admin starts working with the box (focus, paste, drop, file choice or Save).
   */
  readonly #format = new Task(this, {
    autoRun: false,
    task: async ([adapter], { signal }): Promise<GroupedKeyFormat | null | typeof initialState> => {
      // Without an adapter yet, the task returns to its initial state and runs again on the next Save.
      if (adapter === undefined) return initialState;
      try {
        const formats = await adapter.getKeyFormats?.({ signal });
        return formats?.licenseKey ?? null;
      } catch (error) {
        // Without a format only the generic repairs apply, so a failed read is not shown.
        if (isAbortError(error)) throw error;
        return null;
      }
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

  /**
   * Repairs and checks the current text, then submits it, unless it is empty or a submission is
   * already running.
   */
  async submit(): Promise<void> {
    if (this.value.trim() === '' || this.busy || this.activeAdapter === undefined) return;

    this.busy = true;
    this.outcome = null;
    try {
      this.#engage();
      const tools = await this.#loadTools();
      const format = await this.#keyFormat();
      const normalized = tools.normalizeKey(this.value, { format });
      if (!normalized.ok) {
        this.#handleFailure({ kind: 'problem', problem: normalized.problem, repairs: normalized.repairs });
        return;
      }

      await this.#submit.run([normalized.key]);
      if (this.#submit.status === TaskStatus.COMPLETE && this.#submit.value !== undefined) {
        await this.#handleResult(this.#submit.value, normalized.repairs);
      } else if (this.#submit.status === TaskStatus.ERROR && !isAbortError(this.#submit.error)) {
        this.#handleFailure({ kind: 'error', error: toLicenseError(this.#submit.error), repairs: normalized.repairs });
      }
    } finally {
      this.busy = false;
    }
  }

  /** Starts loading the upload tools and reading the key format, once. */
  #engage(): void {
    if (this.#tools) return;
    void this.#loadTools();
    void this.#format.run();
  }

  #loadTools(): Promise<UploadTools> {
    this.#tools ??= import('./upload-tools.js').then((tools) => (this.#loadedTools = tools));
    return this.#tools;
  }

  async #keyFormat(): Promise<GroupedKeyFormat | undefined> {
    if (this.#format.status === TaskStatus.INITIAL) void this.#format.run();
    try {
      return (await this.#format.taskComplete) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async #handleResult(result: SubmitResult, repairs: KeyRepair[]): Promise<void> {
    if (result.kind === 'challenge') {
      await this.#loadedTools?.loadOfflineActivation();
      // The offline step replaces the form, and with it the focused Save button, so focus moves to the step.
      const hadFocus = this.#containsFocus();
      this.challenge = result.challenge;
      emit(this, 'license-challenge-received', { challenge: result.challenge });
      await this.updateComplete;
      if (hadFocus) this.renderRoot.querySelector('offline-activation')?.focus();
      return;
    }
    this.#succeed(result, repairs);
    emit(this, 'license-added', { license: result.license, ...(result.previous ? { previous: result.previous } : {}) });
  }

  /** Shows a key applied, online or offline, and clears the box. */
  #succeed({ license, previous }: LicenseActivatedDetail, repairs: KeyRepair[]): void {
    this.value = '';
    this.failures = 0;
    this.outcome = { kind: 'success', text: describeSuccess(license, previous, this.locale), repairs };
  }

  /**
   * Reports a failure: an adapter error, or a problem that kept a damaged key from being sent,
   * which hosts receive as `invalid-key`.
   */
  #handleFailure(outcome: Extract<Outcome, { kind: 'error' | 'problem' }>): void {
    this.failures++;
    this.outcome = outcome;
    const { code, message } =
      outcome.kind === 'error'
        ? outcome.error
        : { code: 'invalid-key' as const, message: `The key was not sent because the pasted text has a problem: ${outcome.problem.kind}` };
    emit(this, 'license-upload-failed', { code, message });

    // The account lost its rights or its session: check access again, so the element shows the
    // access-required or signed-out state. The typed text stays in `value`.
    if (code === 'forbidden' || code === 'not-signed-in') void this.#access.run();
  }

  /** Puts the text of a chosen, dropped or pasted file in the box, or shows why it was not read. */
  async #loadFile(file: File): Promise<void> {
    const read = await (await this.#loadTools()).readLicenseFileOutcome(file);
    if (read.text !== undefined) {
      this.value = read.text;
      void this.#focusKeyBox();
    }
    this.outcome = read.outcome;
  }

  override render(): TemplateResult {
    if (this.#access.status === TaskStatus.ERROR) return this.#renderAccessError(toLicenseError(this.#access.error));

    const access = this.#access.value;
    if (access === undefined) return renderLoading(msg('Loading…', { id: 'license-elements.common.loading' }));
    if (!access.user.canManageLicenses) return renderAccessRequired();
    const tools = this.#loadedTools;
    // A challenge arrives through a submission or the access check, and both load the tools first.
    if (this.challenge !== null && tools) {
      return tools.renderOfflineStep(this.challenge, {
        adapter: this.adapter,
        support: this.#support,
        onActivated: this.#onActivated,
        onBack: this.#onBack,
      });
    }
    return this.#renderForm();
  }

  #renderAccessError(error: LicenseError): TemplateResult {
    if (error.code === 'forbidden') return renderAccessRequired();
    return html`<div class="notice" part="notice" role="alert">
      <p class="error-text">${describeError(error)}</p>
      <button type="button" @click=${() => void this.#access.run()}>${msg('Retry', { id: 'license-elements.common.retry' })}</button>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const invalid = this.#loadedTools?.isInvalid(this.outcome) ?? false;
    const busy = this.submitting;
    return html`<form
      part="form"
      novalidate
      @submit=${this.#onSubmit}
      @dragover=${this.#onDragOver}
      @drop=${this.#onDrop}
    >
      <label for="key">${msg('License key', { id: 'license-elements.upload.label' })}</label>
      <p id="hint" class="hint">
        ${msg('Paste the key, or choose or drop its file, then press Save.', {
          id: 'license-elements.upload.hint',
        })}
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
        aria-invalid=${invalid ? 'true' : 'false'}
        @focus=${this.#engage}
        @input=${this.#onInput}
        @paste=${this.#onPaste}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <div class="actions">
        <button type="submit" class="primary" part="save-button" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}${msg('Save', { id: 'license-elements.upload.save' })}
        </button>
        <button type="button" part="file-button" @click=${this.#onChooseFile}>
          ${msg('Choose file…', { id: 'license-elements.upload.choose-file' })}
        </button>
        <input type="file" accept=".lic,.txt,.key,text/plain" hidden @change=${this.#onFileChosen} />
      </div>
      ${this.#renderMessage(invalid)}
    </form>`;
  }

  /**
   * Renders the live regions, which exist before any message arrives so that it is announced. Their
   * content comes from the upload tools: an outcome only exists once they are loaded.
   */
  #renderMessage(invalid: boolean): TemplateResult {
    const outcome = this.outcome;
    const tools = this.#loadedTools;
    const support = this.#support;
    return html`
      <div id="message" part="message" class="message">
        <div role="status">${outcome && tools ? tools.renderStatus(outcome, this.locale) : nothing}</div>
        <div role="alert" class="error-text">${outcome && tools ? tools.renderAlert(outcome) : nothing}</div>
      </div>
      ${invalid && this.failures >= FAILURES_BEFORE_SUPPORT && tools?.hasSupportContact(support) ? tools.renderSupportContact(support) : nothing}
    `;
  }

  #onInput(event: InputEvent): void {
    this.value = (event.target as HTMLTextAreaElement).value;
  }

  /**
   * Inserts the pasted text as plain text through `insertText`, so that undo still works. Where the
   * browser refuses that command, the text replaces the selection directly. A pasted file, copied
   * in a file manager, is read like a chosen one.
   */
  #onPaste(event: ClipboardEvent): void {
    this.#engage();
    const data = event.clipboardData;
    if (data === null) return;
    event.preventDefault();
    const file = data.files[0];
    const text = data.getData('text/plain');
    const box = event.currentTarget as HTMLTextAreaElement;
    if (file !== undefined && !data.types.includes('text/plain')) {
      void this.#loadFile(file);
    } else if (!document.execCommand('insertText', false, text)) {
      box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
      this.value = box.value;
    }
  }

  #onChooseFile(event: Event): void {
    this.#engage();
    (event.currentTarget as HTMLElement).parentElement?.querySelector('input')?.click();
  }

  #onFileChosen(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again fires `change`.
    input.value = '';
    if (file !== undefined) void this.#loadFile(file);
  }

  #onDragOver(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
    this.#engage();
  }

  #onDrop(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer!.files[0];
    if (file !== undefined) void this.#loadFile(file);
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
    const hadFocus = this.#containsFocus();
    this.challenge = null;
    this.#succeed(event.detail, []);
    if (hadFocus) void this.#focusKeyBox();
  }

  #onBack(): void {
    this.challenge = null;
    void this.#focusKeyBox();
  }

  get #support(): SupportContact {
    return { phone: this.supportPhone, email: this.supportEmail, url: this.supportUrl, hours: this.supportHours };
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
