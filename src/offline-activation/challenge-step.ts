/**
 * The challenge view of `<offline-activation>`: the challenge key and its tools, the countdown, the
 * response key form, activation and renewal. The element loads this module with `import()` once it
 * has a challenge to show, so its first load carries only the loading, empty, error and access
 * states.
 */
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError, LicenseError, toLicenseError } from '../adapter/errors.js';
import type { ActivationResult, GroupedKeyFormat, LicenseAdapter, OfflineChallenge } from '../adapter/types.js';
import { emit } from '../internal/events.js';
import { checkGroupedKey } from '../internal/grouped-key.js';
import { describeError, describeSuccess } from '../internal/messages.js';
import { renderSupportContact, type SupportContact } from '../internal/support-contact.js';
import { describeActivationError } from './messages.js';

/** Seconds left at which the time left is announced: 5 minutes, 1 minute, and expiry. */
const THRESHOLDS = [300, 60, 0];

/**
 * Drift in milliseconds between the wall clock and the monotonic clock over one tick above which
 * the time left is read again from the server.
 */
const CLOCK_JUMP_MS = 3000;

/** Number of thresholds that `seconds` left has reached. */
const levelOf = (seconds: number): number => THRESHOLDS.filter((threshold) => seconds <= threshold).length;

/** Views of the challenge that load their code on demand. */
type ChallengeView = 'qr' | 'phonetic';

/** The modules behind the on-demand views, once loaded. */
interface ViewModules {
  qr?: typeof import('./challenge-qr.js');
  phonetic?: typeof import('./challenge-readout.js');
}

/** The parts of `<offline-activation>` that the step uses. */
export interface StepHost extends ReactiveControllerHost, HTMLElement {
  /** The typed response key, a public property of the element. */
  responseKey: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The element's side of the step: its adapter, locale and live region. */
export interface StepContext {
  adapter(): LicenseAdapter | undefined;
  /** The published response key format, if any. */
  format(): GroupedKeyFormat | undefined;
  locale(): string;
  support(): SupportContact;
  /** Puts `text` in the element's live region. */
  announce(text: string): void;
  /** Switches the element to its success state with `text`. */
  succeed(text: string): void;
  /** Loads the pending challenge that replaced the shown one. */
  showNewest(): void;
}

/** Countdown, form, activation and renewal of one shown challenge at a time. */
export class ChallengeStep implements ReactiveController {
  readonly #host: StepHost;
  readonly #context: StepContext;

  #challenge: OfflineChallenge | null = null;
  #secondsLeft = 0;
  #error: LicenseError | null = null;
  /** Whether the admin tried to send an incomplete key since the last keystroke. */
  #attempted = false;
  #view: ChallengeView | null = null;
  #modules: ViewModules = {};
  #copied = false;
  #done = false;

  /** Monotonic deadline of the shown challenge, from `performance.now()`. */
  #deadline = 0;
  /** Both clocks at the last tick, to notice a wall clock jump. */
  #lastMonotonic = 0;
  #lastWall = 0;
  /** Thresholds already reached and announced. */
  #level = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Monotonic time before which the backend refuses more attempts (`rate-limited` with `retryAfterSeconds`). */
  #retryAt = 0;
  #resyncController: AbortController | undefined;

  readonly #activation: Task<readonly [string, string], ActivationResult>;
  readonly #renewal: Task<readonly [string], OfflineChallenge>;

  readonly #onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') {
      this.#stopTimer();
    } else if (this.#challenge !== null) {
      this.#tick();
      void this.#resync();
    }
  };

  constructor(host: StepHost, context: StepContext) {
    this.#host = host;
    this.#context = context;
    this.#activation = new Task(host, {
      autoRun: false,
      task: async ([challengeId, responseKey], { signal }) => context.adapter()!.activateOffline(challengeId, responseKey, { signal }),
    });
    this.#renewal = new Task(host, {
      autoRun: false,
      task: async ([challengeId], { signal }) => context.adapter()!.renewChallenge(challengeId, { signal }),
    });
    host.addController(this);
  }

  /** Whether an activation is in flight. */
  get activating(): boolean {
    return this.#activation.status === TaskStatus.PENDING;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    if (this.#challenge !== null) this.#tick();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#stopTimer();
    this.#activation.abort();
    this.#renewal.abort();
    this.#resyncController?.abort();
  }

  /**
   * Shows `challenge`, counting down from its `expiresInSeconds` as of `receivedAt` on the
   * monotonic clock. Another challenge than the one shown starts with an empty response key.
   */
  show(challenge: OfflineChallenge, receivedAt: number): void {
    if (challenge.id !== this.#challenge?.id) {
      this.#host.responseKey = '';
      this.#error = null;
      this.#view = null;
      this.#copied = false;
      this.#done = false;
    }
    this.#challenge = challenge;
    this.#level = levelOf(challenge.expiresInSeconds);
    this.#setDeadline(challenge.expiresInSeconds, receivedAt);
  }

  /** See `OfflineActivation.activate`. */
  async activate(): Promise<void> {
    const challenge = this.#challenge;
    const format = this.#context.format();
    const typed = this.#host.responseKey.trim();
    if (challenge === null || typed === '' || this.activating || this.#blocked() || this.#waiting()) return;

    const checked = format && checkGroupedKey(typed, format);
    if (checked && checked.key === '') {
      this.#attempted = true;
      this.#host.requestUpdate();
      return;
    }

    this.#error = null;
    await this.#activation.run([challenge.id, checked ? checked.key : typed]);

    if (this.#activation.status === TaskStatus.COMPLETE) {
      const { license, previous } = this.#activation.value!;
      this.#stopTimer();
      this.#done = true;
      this.#context.succeed(describeSuccess(license, previous, this.#context.locale()));
      emit(this.#host, 'license-activated', { license, ...(previous ? { previous } : {}) });
    } else if (!isAbortError(this.#activation.error)) {
      const error = toLicenseError(this.#activation.error);
      // A `challenge-expired` rejection leads to the expired state, which offers a new challenge.
      if (error.code === 'challenge-expired') this.#setDeadline(0);
      else this.#error = error;
      if (error.retryAfterSeconds !== undefined) this.#retryAt = performance.now() + error.retryAfterSeconds * 1000;
      this.#host.requestUpdate();
      emit(this.#host, 'license-activation-failed', { code: error.code, message: error.message });
    }
  }

  /** See `OfflineActivation.renew`. */
  async renew(): Promise<void> {
    const challenge = this.#challenge;
    if (challenge === null || this.#renewal.status === TaskStatus.PENDING) return;

    this.#error = null;
    await this.#renewal.run([challenge.id]);
    if (this.#renewal.status === TaskStatus.COMPLETE) {
      const renewed = this.#renewal.value!;
      this.show(renewed, performance.now());
      this.#context.announce(msg('A new challenge was generated. Read it to support.', { id: 'license-elements.offline.renewed' }));
      this.#host.focus();
      emit(this.#host, 'license-challenge-renewed', { challenge: renewed });
    } else if (!isAbortError(this.#renewal.error)) {
      this.#error = toLicenseError(this.#renewal.error);
      this.#host.requestUpdate();
    }
  }

  /** Whether the challenge no longer accepts a response because it expired or another tab replaced it. */
  #blocked(): boolean {
    return this.#secondsLeft <= 0 || this.#error?.code === 'challenge-replaced';
  }

  /** Whether the backend asked to wait before the next attempt. The countdown re-renders every second, which enables Activate again. */
  #waiting(): boolean {
    return performance.now() < this.#retryAt;
  }

  /** Counts down from `seconds` left at `at` (now by default), as the server reported, on the monotonic clock. */
  #setDeadline(seconds: number, at = performance.now()): void {
    this.#deadline = at + seconds * 1000;
    this.#level = Math.min(this.#level, levelOf(seconds));
    this.#tick();
  }

  #tick(): void {
    const monotonic = performance.now();
    const wall = Date.now();
    // The monotonic clock does not advance while the computer sleeps, and the wall clock jumps when
    // it is set. Either way the two drift apart, so the time left is read again from the server.
    if (this.#lastWall !== 0 && Math.abs(wall - this.#lastWall - (monotonic - this.#lastMonotonic)) > CLOCK_JUMP_MS) {
      void this.#resync();
    }
    this.#lastMonotonic = monotonic;
    this.#lastWall = wall;

    const secondsLeft = Math.max(0, Math.ceil((this.#deadline - monotonic) / 1000));
    const level = levelOf(secondsLeft);
    if (level > this.#level && !this.#done) {
      const minutes = new Intl.NumberFormat(this.#context.locale(), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
        Math.ceil(secondsLeft / 60),
      );
      this.#context.announce(
        secondsLeft > 0 ? msg(str`${minutes} left before the challenge expires.`, { id: 'license-elements.offline.minutes-left' }) : expiredText(),
      );
    }
    this.#level = level;
    if (secondsLeft !== this.#secondsLeft) {
      this.#secondsLeft = secondsLeft;
      this.#host.requestUpdate();
    }

    if (secondsLeft <= 0 || document.visibilityState === 'hidden') this.#stopTimer();
    else this.#timer ??= setInterval(() => this.#tick(), 1000);
  }

  /**
   * Reads the time left again from the server's pending challenge. Another pending challenge means
   * another tab replaced this one; none means it was used. When the call fails, the countdown goes
   * on on the monotonic clock.
   */
  async #resync(): Promise<void> {
    const shown = this.#challenge;
    const adapter = this.#context.adapter();
    if (shown === null || adapter === undefined || this.#blocked() || this.#done) return;

    this.#resyncController?.abort();
    const { signal } = (this.#resyncController = new AbortController());
    try {
      const pending = await adapter.getPendingChallenge({ signal });
      if (shown !== this.#challenge || this.#done) return;
      if (pending?.id === shown.id) {
        this.#setDeadline(pending.expiresInSeconds);
      } else if (pending === null) {
        // Backends keep an expired challenge readable, so none at all means it was used, for example in another tab.
        this.#error = new LicenseError('not-found', `Challenge ${shown.id} is no longer pending`);
        this.#host.requestUpdate();
      } else {
        this.#error = new LicenseError('challenge-replaced', `Challenge ${shown.id} was replaced by ${pending.id}`);
        this.#host.requestUpdate();
      }
    } catch {
      // The countdown goes on on the monotonic clock.
    }
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #copy(key: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(key);
      this.#copied = true;
      this.#host.requestUpdate();
      this.#context.announce(msg('Challenge key copied.', { id: 'license-elements.offline.copied' }));
    } catch {
      getSelection()?.selectAllChildren(this.#host.renderRoot.querySelector('.challenge')!);
      this.#context.announce(
        msg('The browser did not allow copying. The challenge key is selected: copy it with the keyboard or the context menu.', {
          id: 'license-elements.offline.copy-failed',
        }),
      );
    }
  }

  /** Loads the code of an on-demand view once; announces a failure and returns `undefined`. */
  async #load<TName extends keyof ViewModules>(name: TName): Promise<ViewModules[TName]> {
    try {
      this.#modules[name] ??= (await (name === 'qr' ? import('./challenge-qr.js') : import('./challenge-readout.js'))) as ViewModules[TName];
      this.#host.requestUpdate();
    } catch {
      this.#context.announce(describeError(new LicenseError('network', `Loading the ${name} view failed`)));
    }
    return this.#modules[name];
  }

  async #toggleView(view: ChallengeView): Promise<void> {
    this.#view = this.#view === view ? null : view;
    this.#host.requestUpdate();
    if (this.#view !== null) await this.#load(view);
  }

  async #download(challenge: OfflineChallenge): Promise<void> {
    (await this.#load('phonetic'))?.downloadChallenge(challenge, this.#context.locale());
  }

  /**
   * Renders the challenge view. The copy, download, QR code and spelling tools come after the form,
   * so that Tab from the heading reaches the response key first.
   */
  render(): TemplateResult | typeof nothing {
    const challenge = this.#challenge;
    if (challenge === null) return nothing;
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
        ${this.#secondsLeft > 0 ? this.#renderTimeLeft() : this.#renderExpired()} ${renderSupportContact(this.#context.support())}
        ${this.#renderForm()}
        ${this.#renderTools(challenge)}
      </section>
    `;
  }

  #renderTools(challenge: OfflineChallenge): TemplateResult {
    const { qr, phonetic } = this.#modules;
    const toggle = (view: ChallengeView, label: string): TemplateResult =>
      html`<button type="button" aria-expanded=${this.#view === view} aria-controls="view" @click=${() => void this.#toggleView(view)}>
        ${label}
      </button>`;
    return html`<h3 id="tools-label">${msg('Other ways to pass on the challenge key', { id: 'license-elements.offline.tools' })}</h3>
      <div class="actions" part="challenge-tools" role="group" aria-labelledby="tools-label">
        <button type="button" @click=${() => void this.#copy(challenge.challengeKey)}>
          ${this.#copied ? msg('Copied', { id: 'license-elements.offline.copy-done' }) : msg('Copy', { id: 'license-elements.offline.copy' })}
        </button>
        <button type="button" @click=${() => void this.#download(challenge)}>
          ${msg('Download', { id: 'license-elements.offline.download' })}
        </button>
        ${toggle('qr', msg('QR code', { id: 'license-elements.offline.qr' }))}
        ${toggle('phonetic', msg('Spell phonetically', { id: 'license-elements.offline.phonetic' }))}
      </div>
      <div id="view">
        ${this.#view === 'qr' && qr ? qr.renderQrCode(challenge.challengeKey) : nothing}
        ${this.#view === 'phonetic' && phonetic ? phonetic.renderPhonetic(challenge.challengeKey) : nothing}
      </div>`;
  }

  #renderTimeLeft(): TemplateResult {
    const seconds = this.#secondsLeft;
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    return html`<p class="time-left ${seconds <= 60 ? 'short' : ''}" part="time-left">
      ${msg(str`Time left: ${clock}`, { id: 'license-elements.offline.time-left' })}
    </p>`;
  }

  #renderExpired(): TemplateResult {
    const renewing = this.#renewal.status === TaskStatus.PENDING;
    return html`<div class="notice" part="notice">
      <p class="error-text">${expiredText()}</p>
      <button type="button" aria-disabled=${renewing ? 'true' : 'false'} @click=${() => void this.renew()}>
        ${renewing ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}${msg('Generate a new challenge', {
          id: 'license-elements.offline.renew',
        })}
      </button>
    </div>`;
  }

  /** Returns the hint below the response key: the mistyped groups, or a wrong length. */
  #hint(): string {
    const format = this.#context.format();
    const typed = this.#host.responseKey;
    if (format === undefined || typed.trim() === '') return '';

    const checked = checkGroupedKey(typed, format);
    const numbers = new Intl.NumberFormat(this.#context.locale());
    const groups = new Intl.ListFormat(this.#context.locale()).format(checked.mistyped.map((group) => numbers.format(group)));
    const length = numbers.format(checked.length);
    const expected = numbers.format(checked.expected);
    const { mistyped } = checked;
    if (mistyped.length === 1) {
      return msg(str`Group ${groups} looks mistyped. Check it with the support engineer.`, { id: 'license-elements.offline.group-mistyped' });
    }
    if (mistyped.length > 1) {
      return msg(str`Groups ${groups} look mistyped. Check them with the support engineer.`, { id: 'license-elements.offline.groups-mistyped' });
    }
    if (checked.length > checked.expected || (this.#attempted && checked.length !== checked.expected)) {
      return msg(str`The response key has ${length} characters; it needs ${expected}.`, { id: 'license-elements.offline.length' });
    }
    return '';
  }

  #renderForm(): TemplateResult {
    const error = this.#error;
    const blocked = this.#blocked() || this.#waiting();
    const hint = this.#hint();
    return html`<form novalidate @submit=${this.#onSubmit}>
      <label for="response">${msg('Response key', { id: 'license-elements.offline.response-label' })}</label>
      <input
        id="response"
        part="input"
        type="text"
        spellcheck="false"
        autocomplete="off"
        autocapitalize="characters"
        .value=${this.#host.responseKey}
        aria-invalid=${error !== null || hint !== '' ? 'true' : 'false'}
        aria-describedby="hint message"
        @input=${this.#onInput}
      />
      <p id="hint" class="error-text" aria-live="polite">${hint}</p>
      <div class="actions">
        <button
          type="submit"
          class="primary"
          part="activate-button"
          ?disabled=${blocked}
          aria-disabled=${blocked || this.activating ? 'true' : 'false'}
        >
          ${this.activating ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}${msg('Activate Offline', {
            id: 'license-elements.offline.activate',
          })}
        </button>
      </div>
      <div id="message" part="message" role="alert" class="error-text">
        ${error
          ? html`<p>${describeActivationError(error)}</p>
              ${error.code === 'challenge-replaced'
                ? html`<button type="button" @click=${() => this.#context.showNewest()}>
                    ${msg('Show the newest challenge', { id: 'license-elements.offline.show-newest' })}
                  </button>`
                : nothing}`
          : nothing}
      </div>
    </form>`;
  }

  readonly #onInput = (event: InputEvent): void => {
    this.#host.responseKey = (event.target as HTMLInputElement).value;
    this.#attempted = false;
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.activate();
  };
}

/** Text of the expired state, also announced at expiry. */
const expiredText = (): string =>
  msg('This challenge has expired. Generate a new challenge and read it to support.', { id: 'license-elements.offline.expired' });
