import './helpers/setup.ts';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { generate } from 'lean-qr/nano';
import '../src/define.ts';
import { LicenseError } from '../src/adapter/errors.ts';
import { computeResponseKey, createSampleKeys, DEMO_KEY_FORMATS, DEMO_READ_ONLY_USER, MemoryAdapter } from '../src/adapter/memory/index.ts';
import type { LicenseAdapter } from '../src/adapter/types.ts';
import { CROCKFORD_ALPHABET, luhnCheckSymbol as crockfordCheckSymbol } from '../src/internal/crockford.ts';
import { checkGroupedKey, luhnCheckSymbol } from '../src/internal/grouped-key.ts';
import type { OfflineActivation, OfflineChallenge } from '../src/index.ts';
import { clickWithMouse, deepActiveElement, getByRole, nextTask, queryAllByRole, textOf, typeInto, waitFor } from './helpers/dom.ts';
import { RecordingAdapter } from './helpers/recording-adapter.ts';

const SUCCESS = 'License for Password Reset added.';
const EXPIRED = 'This challenge has expired. Generate a new challenge and read it to support.';
const MISMATCH = 'The response key does not match the challenge. Check each group with the support engineer.';
const REPLACED = 'A newer activation challenge was generated, for example in another tab. Use the newest challenge.';
const RESPONSE_FORMAT = DEMO_KEY_FORMATS.responseKey!;
const HOUR_MS = 3_600_000;

/** Submits a new-product key to an offline adapter and returns the challenge it issues. */
async function issueChallenge(adapter: MemoryAdapter): Promise<OfflineChallenge> {
  const result = await adapter.submitLicenseKey(createSampleKeys(adapter.now()).newProduct);
  if (result.kind !== 'challenge') throw new Error(`Expected a challenge from an offline adapter, got ${result.kind}`);
  return result.challenge;
}

function responseFor(challenge: OfflineChallenge): string {
  const response = computeResponseKey(challenge.challengeKey);
  if (response === null) throw new Error(`No response for the malformed challenge ${challenge.challengeKey}`);
  return response;
}

/** Replaces the symbol at `index` of `group` with another symbol of the alphabet. */
function withWrongSymbol(group: string, index: number): string {
  const wrong = group[index] === 'X' ? 'Y' : 'X';
  return group.slice(0, index) + wrong + group.slice(index + 1);
}

async function renderWithChallenge(adapter: LicenseAdapter, challenge: OfflineChallenge): Promise<OfflineActivation> {
  return fixture<OfflineActivation>(
    html`<offline-activation lang="en-US" .adapter=${adapter} .challenge=${challenge}></offline-activation>`,
  );
}

async function renderPending(adapter: LicenseAdapter): Promise<OfflineActivation> {
  return fixture<OfflineActivation>(html`<offline-activation lang="en-US" .adapter=${adapter}></offline-activation>`);
}

async function waitForResponseBox(element: OfflineActivation): Promise<HTMLInputElement> {
  return waitFor(() => getByRole<HTMLInputElement>(element, 'textbox', 'Response key'), 'the response key box');
}

function activateButton(element: OfflineActivation): HTMLButtonElement {
  return getByRole<HTMLButtonElement>(element, 'button', 'Activate Offline');
}

function challengeGroups(element: OfflineActivation): string[] {
  return [...element.shadowRoot!.querySelectorAll('[part="group"]')].map(textOf);
}

/** Returns the text of the time left, or '' when it is not shown. */
function timeLeft(element: OfflineActivation): string {
  const paragraph = element.shadowRoot!.querySelector('[part="time-left"]');
  return paragraph === null ? '' : textOf(paragraph);
}

/** Returns the live region that announces to screen readers. */
function liveRegion(element: OfflineActivation): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;
}

/** Returns the text of the live region, without the no-break space that marks a repeat. */
function announced(element: OfflineActivation): string {
  return textOf(liveRegion(element)).replace(/\u00a0/g, '');
}

/** Returns the hint below the response key box. */
function hintText(element: OfflineActivation): string {
  return textOf(element.shadowRoot!.querySelector('#hint')!);
}

/** Returns the texts of the paragraphs in the alert region. */
function alertTexts(element: OfflineActivation): string[] {
  return [...getByRole(element, 'alert').querySelectorAll('p')].map(textOf);
}

function sectionText(element: OfflineActivation): string {
  return textOf(element.shadowRoot!.querySelector('section')!);
}

/** Types into the focused box as a paste does: the whole text in one input event. */
function pasteInto(box: HTMLInputElement, text: string): void {
  box.focus();
  document.execCommand('insertText', false, text);
}

/**
 * Replaces `performance.now` and `Date.now` with frozen clocks that only a test moves. `advance`
 * moves both, as time passing does; `sleep` moves only the wall clock, as a suspended computer does
 * (the monotonic clock does not advance); `setWallOffset` sets the wall clock wrong by a fixed amount.
 * The memory adapter reads `Date.now` too, so a test sets its `clockOffsetMs` to keep the server's
 * clock right.
 */
class FakeClock {
  #monotonic = performance.now();
  #wall = Date.now();
  #wallOffset = 0;

  install(): void {
    const realWall = Date.now.bind(Date);
    performance.now = () => this.#monotonic;
    Date.now = () => this.#wall + this.#wallOffset;
    this.uninstall = () => {
      delete (performance as Partial<Performance>).now;
      Date.now = realWall;
    };
  }

  advance(milliseconds: number): void {
    this.#monotonic += milliseconds;
    this.#wall += milliseconds;
  }

  sleep(milliseconds: number): void {
    this.#wall += milliseconds;
  }

  setWallOffset(milliseconds: number): void {
    this.#wallOffset = milliseconds;
  }

  uninstall(): void {}
}

/** Makes the document report `state` for `visibilityState` and fires `visibilitychange`. */
function setVisibility(state: DocumentVisibilityState): void {
  if (state === 'visible') delete (document as { visibilityState?: string }).visibilityState;
  else Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('offline-activation', () => {
  let clock: FakeClock | undefined;

  function installClock(): FakeClock {
    clock = new FakeClock();
    clock.install();
    return clock;
  }

  afterEach(() => {
    clock?.uninstall();
    clock = undefined;
    delete (document as { visibilityState?: string }).visibilityState;
  });

  describe('states', () => {
    it('shows loading until access is known', async () => {
      const memory = new MemoryAdapter({ offline: true });
      const adapter = new RecordingAdapter(memory);
      adapter.hold('getCurrentUser');
      const element = await renderWithChallenge(adapter, await issueChallenge(memory));

      await waitFor(() => getByRole(element, 'status', 'Loading…'), 'the loading state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      await expect(element).to.be.accessible();

      adapter.callsOf('getCurrentUser')[0]!.proceed();
      await waitForResponseBox(element);
    });

    it('shows the given challenge in groups', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);

      getByRole(element, 'region', 'Activate offline');
      getByRole(element, 'heading', 'Challenge key');
      const groups = challengeGroups(element);
      expect(groups, 'groups').to.have.length(6);
      for (const group of groups) expect(group, 'group').to.match(/^[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(groups.join('-')).to.equal(challenge.challengeKey);
      expect(getComputedStyle(element.shadowRoot!.querySelector('.challenge')!).fontFamily).to.match(/mono/i);
      expect(timeLeft(element)).to.match(/^Time left: 1[45]:\d\d$/);
      expect(box.value).to.equal('');
      expect(activateButton(element).disabled).to.equal(false);
      for (const name of ['Copy', 'Download', 'QR code', 'Spell phonetically']) getByRole(element, 'button', name);
      await expect(element).to.be.accessible();
    });

    it('links the configured support contact', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const element = await fixture<OfflineActivation>(html`<offline-activation
        support-phone="+49 (0)30 1234-5678"
        support-email="licensing@example.com"
        support-url="https://support.example.com/offline"
        support-hours="Mon–Fri 8:00–18:00 CET"
        .adapter=${adapter}
        .challenge=${await issueChallenge(adapter)}
      ></offline-activation>`);
      await waitForResponseBox(element);

      expect(getByRole(element, 'link', '+49 (0)30 1234-5678').getAttribute('href')).to.equal('tel:+4903012345678');
      expect(getByRole(element, 'link', 'licensing@example.com').getAttribute('href')).to.equal('mailto:licensing@example.com');
      const website = getByRole<HTMLAnchorElement>(element, 'link', 'Support website');
      expect(website.getAttribute('href')).to.equal('https://support.example.com/offline');
      expect(website.rel).to.contain('noopener');
      expect(textOf(element.shadowRoot!.querySelector('[part="support"]')!)).to.contain('Hours: Mon–Fri 8:00–18:00 CET');
      await expect(element).to.be.accessible();
    });

    it('does not link a javascript: support URL', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const element = await fixture<OfflineActivation>(html`<offline-activation
        support-email="licensing@example.com"
        support-url="javascript:alert(document.cookie)"
        .adapter=${adapter}
        .challenge=${await issueChallenge(adapter)}
      ></offline-activation>`);
      await waitForResponseBox(element);

      const links = queryAllByRole<HTMLAnchorElement>(element, 'link');
      expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['mailto:licensing@example.com']);
      expect(element.shadowRoot!.innerHTML).not.to.contain('javascript:');
    });

    it('loads the pending challenge from the adapter', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderPending(adapter);
      const box = await waitForResponseBox(element);

      expect(challengeGroups(element).join('-')).to.equal(challenge.challengeKey);
      expect(timeLeft(element)).to.match(/^Time left: 1[45]:\d\d$/);

      await typeInto(box, responseFor(challenge));
      await clickWithMouse(activateButton(element));
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('shows the same challenge and time left in a second tab', async () => {
      const fake = installClock();
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const first = await renderPending(adapter);
      await waitForResponseBox(first);
      expect(timeLeft(first)).to.equal('Time left: 15:00');

      fake.advance(125_000);
      const second = await renderPending(adapter);
      await waitForResponseBox(second);

      expect(challengeGroups(second).join('-')).to.equal(challenge.challengeKey);
      await waitFor(() => timeLeft(first) === 'Time left: 12:55', 'the first tab to count down');
      expect(timeLeft(second)).to.equal('Time left: 12:55');
    });

    it('shows that no activation is in progress', async () => {
      const element = await renderPending(new MemoryAdapter({ offline: true }));

      await waitFor(() => getByRole(element, 'heading', 'No offline activation in progress'), 'the empty state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('requires administrator access', async () => {
      const element = await renderPending(new MemoryAdapter({ offline: true, user: DEMO_READ_ONLY_USER }));

      await waitFor(() => getByRole(element, 'region', 'Administrator access required'), 'the access state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('shows a load error with Retry', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      adapter.failNext('network', 'getPendingChallenge');
      const element = await renderPending(adapter);

      const alert = await waitFor(() => getByRole(element, 'alert'), 'the error state');
      expect(getByRole(alert, 'heading').textContent?.trim()).to.equal('The offline activation could not be loaded');
      expect(textOf(alert)).to.contain('The server could not be reached. Check your connection, then try again.');
      await expect(element).to.be.accessible();

      await clickWithMouse(getByRole(element, 'button', 'Retry'));

      await waitForResponseBox(element);
      expect(challengeGroups(element).join('-')).to.equal(challenge.challengeKey);
    });

    it('keeps one live region from the first render', async () => {
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      adapter.hold('getCurrentUser');
      const element = await renderWithChallenge(adapter, challenge);
      const region = liveRegion(element);
      expect(region.getAttribute('role')).to.equal('status');
      expect(announced(element)).to.equal('');

      adapter.callsOf('getCurrentUser')[0]!.proceed();
      const box = await waitForResponseBox(element);
      await typeInto(box, responseFor(challenge));
      await sendKeys({ press: 'Enter' });

      await waitFor(() => announced(element) === SUCCESS, 'the success message in the live region');
      expect(liveRegion(element), 'the same live region').to.equal(region);
      expect(region.className).not.to.contain('visually-hidden');
      await expect(element).to.be.accessible();
    });
    it('starts over with another challenge after a success', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const first = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, first);
      const box = await waitForResponseBox(element);
      await typeInto(box, responseFor(first));
      await sendKeys({ press: 'Enter' });
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');

      const result = await adapter.submitLicenseKey(createSampleKeys(adapter.now()).renewal);
      if (result.kind !== 'challenge') throw new Error(`Expected a challenge, got ${result.kind}`);
      element.challenge = result.challenge;

      const next = await waitForResponseBox(element);
      expect(challengeGroups(element).join('-')).to.equal(result.challenge.challengeKey);
      expect(next.value).to.equal('');
      expect(liveRegion(element).className, 'live region once the success is over').to.contain('visually-hidden');
    });
  });

  describe('challenge tools', () => {
    it('copies the challenge key', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);
      const copied: string[] = [];
      const writeText = navigator.clipboard.writeText;
      navigator.clipboard.writeText = async (text: string) => {
        copied.push(text);
      };

      try {
        await clickWithMouse(getByRole(element, 'button', 'Copy'));
        await waitFor(() => announced(element) === 'Challenge key copied.', 'the copy announcement');
      } finally {
        navigator.clipboard.writeText = writeText;
      }

      expect(copied).to.deep.equal([challenge.challengeKey]);
      getByRole(element, 'button', 'Copied');
    });

    it('selects the key when copying is refused', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);
      const writeText = navigator.clipboard.writeText;
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));

      try {
        await clickWithMouse(getByRole(element, 'button', 'Copy'));
        await waitFor(() => announced(element).startsWith('The browser did not allow copying.'), 'the copy failure');
      } finally {
        navigator.clipboard.writeText = writeText;
      }

      expect(getSelection()!.toString().replace(/\s+/g, '-').replace(/-$/, '')).to.equal(challenge.challengeKey);
      getByRole(element, 'button', 'Copy');
    });

    it('downloads the challenge as a text file', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);
      const blobs: Blob[] = [];
      const names: string[] = [];
      const createObjectURL = URL.createObjectURL;
      const click = HTMLAnchorElement.prototype.click;
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        blobs.push(blob as Blob);
        return createObjectURL(blob);
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        names.push(this.download);
      };

      try {
        await clickWithMouse(getByRole(element, 'button', 'Download'));
        await waitFor(() => names.length > 0, 'the download');
      } finally {
        URL.createObjectURL = createObjectURL;
        HTMLAnchorElement.prototype.click = click;
      }

      expect(names).to.deep.equal([`offline-challenge-${challenge.challengeKey}.txt`]);
      expect(blobs[0]!.type).to.equal('text/plain;charset=utf-8');
      const text = await blobs[0]!.text();
      expect(text).to.contain(`Challenge key: ${challenge.challengeKey}`);
      expect(text).to.contain('Product: Password Reset');
      expect(text).to.contain('Valid for 15 minutes from issue.');
    });

    it('shows the challenge as a QR code', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);
      const toggle = getByRole(element, 'button', 'QR code');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(element.shadowRoot!.querySelector('svg'), 'QR code before it is asked for').to.equal(null);

      await clickWithMouse(toggle);

      const image = await waitFor(
        () => getByRole(element, 'img', `QR code of the challenge key ${challenge.challengeKey}`),
        'the QR code',
      );
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const code = generate(challenge.challengeKey);
      let dark = 0;
      for (let y = 0; y < code.size; y++) for (let x = 0; x < code.size; x++) if (code.get(x, y)) dark++;
      expect(image.querySelector('path')!.getAttribute('d')!.split('M').length - 1, 'dark modules').to.equal(dark);
      await expect(element).to.be.accessible();

      await clickWithMouse(toggle);
      await waitFor(() => element.shadowRoot!.querySelector('svg') === null, 'the QR code to close');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    });

    it('spells the challenge phonetically', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);
      const words: Record<string, string> = {
        ...Object.fromEntries(['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'].map((word, digit) => [String(digit), word])),
        A: 'Alfa', B: 'Bravo', C: 'Charlie', D: 'Delta', E: 'Echo', F: 'Foxtrot', G: 'Golf', H: 'Hotel', J: 'Juliett', K: 'Kilo',
        M: 'Mike', N: 'November', P: 'Papa', Q: 'Quebec', R: 'Romeo', S: 'Sierra', T: 'Tango', V: 'Victor', W: 'Whiskey',
        X: 'X-ray', Y: 'Yankee', Z: 'Zulu',
      };

      await clickWithMouse(getByRole(element, 'button', 'Spell phonetically'));

      const list = await waitFor(() => element.shadowRoot!.querySelector('[part="phonetic"]'), 'the phonetic spelling');
      expect(list.getAttribute('aria-label')).to.equal('Phonetic spelling of the challenge key');
      const items = [...list.querySelectorAll('li')].map(textOf);
      const expected = challenge.challengeKey.split('-').map((group) => [...group].map((symbol) => `${symbol} ${words[symbol]}`).join(', '));
      expect(items).to.deep.equal(expected);
      await expect(element).to.be.accessible();
    });
  });

  describe('response key', () => {
    it('activates with Enter, in any case and with spaces', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const typed = responseFor(challenge).toLowerCase().replaceAll('-', ' ');

      const activated = oneEvent(element, 'license-activated');
      await typeInto(box, typed);
      await sendKeys({ press: 'Enter' });
      const event = await activated;

      expect(event.detail.license.product).to.equal('Password Reset');
      expect(event.detail.previous).to.equal(undefined);
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
      expect(queryAllByRole(element, 'textbox'), 'response box after success').to.have.length(0);
      await waitFor(() => deepActiveElement() === liveRegion(element), 'focus on the success message');
      expect(adapter.licenses.map((license) => license.product)).to.include('Password Reset');
      await expect(element).to.be.accessible();
    });

    it('maps look-alikes and sends the canonical key', async () => {
      const memory = new MemoryAdapter({ offline: true });
      let challenge = await issueChallenge(memory);
      // A response without 0 or 1 would not show the mapping: issue challenges until one has both.
      for (let attempt = 0; !/0/.test(responseFor(challenge)) || !/1/.test(responseFor(challenge)); attempt++) {
        if (attempt > 200) throw new Error('No response key with both 0 and 1 in 200 challenges');
        challenge = await issueChallenge(memory);
      }
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const response = responseFor(challenge);
      // Every 0 typed as the letter o, and the 1s typed alternately as I and l.
      let ones = 0;
      let typed = '';
      for (const symbol of response.replaceAll('-', ' - ')) {
        if (symbol === '0') typed += 'o';
        else if (symbol === '1') typed += ones++ % 2 === 0 ? 'I' : 'l';
        else typed += symbol.toLowerCase();
      }

      await typeInto(box, typed);
      expect(hintText(element)).to.equal('');
      await sendKeys({ press: 'Enter' });

      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
      expect(adapter.callsOf('activateOffline').map((call) => call.args[1])).to.deep.equal([response]);
    });

    it('accepts a pasted key with spaces and lower case', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);

      pasteInto(box, `  ${responseFor(challenge).toLowerCase().replaceAll('-', ' ')}  `);
      await clickWithMouse(activateButton(element));

      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('accepts the last groups pasted after typed ones', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');

      await typeInto(box, `${groups.slice(0, 2).join(' ')} `);
      pasteInto(box, groups.slice(2).join('-'));
      expect(hintText(element)).to.equal('');
      await sendKeys({ press: 'Enter' });

      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('marks a mistyped group as it is typed', async () => {
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');
      groups[2] = withWrongSymbol(groups[2]!, 1);

      await typeInto(box, groups.slice(0, 2).join('-'));
      expect(hintText(element), 'after two good groups').to.equal('');
      expect(box.getAttribute('aria-invalid')).to.equal('false');
      await sendKeys({ type: `-${groups[2]}` });

      await waitFor(() => hintText(element) !== '', 'the hint');
      expect(hintText(element)).to.equal('Group 3 looks mistyped. Check it with the support engineer.');
      expect(box.getAttribute('aria-invalid')).to.equal('true');
      expect(box.getAttribute('aria-describedby')).to.contain('hint');
      expect(element.shadowRoot!.querySelector('#hint')!.getAttribute('aria-live')).to.equal('polite');
      await expect(element).to.be.accessible();

      await sendKeys({ type: `-${groups.slice(3).join('-')}` });
      await sendKeys({ press: 'Enter' });
      await nextTask();
      expect(adapter.callsOf('activateOffline'), 'activateOffline calls').to.have.length(0);
      expect(box.value).to.equal(groups.join('-'));
    });

    it('marks swapped neighbours', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');
      // Luhn misses a few swaps; pick the first swap of two different neighbours that it catches.
      let swapped: { group: number; text: string } | undefined;
      for (let group = 0; group < groups.length && swapped === undefined; group++) {
        const text = groups[group]!;
        for (let index = 0; index < text.length - 1; index++) {
          const candidate = text.slice(0, index) + text[index + 1] + text[index] + text.slice(index + 2);
          if (candidate !== text && crockfordCheckSymbol(candidate.slice(0, -1)) !== candidate.at(-1)) {
            swapped = { group, text: candidate };
            break;
          }
        }
      }
      if (swapped === undefined) throw new Error(`No detectable swap in ${groups.join('-')}`);
      groups[swapped.group] = swapped.text;

      await typeInto(box, groups.join(' '));

      await waitFor(() => hintText(element) !== '', 'the hint');
      expect(hintText(element)).to.equal(`Group ${swapped.group + 1} looks mistyped. Check it with the support engineer.`);
    });

    it('marks a symbol outside the alphabet at once', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');

      await typeInto(box, `${groups[0]} ${groups[1]!.slice(0, 2)}U`);

      await waitFor(() => hintText(element) !== '', 'the hint');
      expect(hintText(element)).to.equal('Group 2 looks mistyped. Check it with the support engineer.');
    });

    it('marks only the group that misses a symbol', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');
      groups[1] = groups[1]!.slice(0, 2) + groups[1]!.slice(3);

      await typeInto(box, groups.join(' '));

      await waitFor(() => hintText(element) !== '', 'the hint');
      expect(hintText(element)).to.equal('Group 2 looks mistyped. Check it with the support engineer.');
    });

    it('lists several mistyped groups', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');
      groups[1] = withWrongSymbol(groups[1]!, 0);
      groups[4] = withWrongSymbol(groups[4]!, 4);

      await typeInto(box, groups.join('-'));

      await waitFor(() => hintText(element) !== '', 'the hint');
      expect(hintText(element)).to.equal('Groups 2 and 5 look mistyped. Check them with the support engineer.');
    });

    it('formats group numbers in the locale', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await fixture<OfflineActivation>(
        html`<offline-activation lang="ar-EG" .adapter=${adapter} .challenge=${challenge}></offline-activation>`,
      );
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');
      groups[2] = withWrongSymbol(groups[2]!, 0);

      await typeInto(box, groups.slice(0, 3).join(' '));

      await waitFor(() => hintText(element) !== '', 'the hint');
      expect(hintText(element)).to.equal('Group ٣ looks mistyped. Check it with the support engineer.');
    });

    it('reports a short key on Enter and a long key at once', async () => {
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const response = responseFor(challenge);

      await typeInto(box, response.slice(0, -1));
      expect(hintText(element), 'while typing').to.equal('');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => hintText(element) !== '', 'the length hint');
      expect(hintText(element)).to.equal('The response key has 29 characters; it needs 30.');
      expect(adapter.callsOf('activateOffline'), 'activateOffline calls').to.have.length(0);

      await sendKeys({ type: `${response.at(-1)}Z` });
      await waitFor(() => hintText(element) === 'The response key has 31 characters; it needs 30.', 'the long key hint');
      await sendKeys({ press: 'Backspace' });
      await waitFor(() => hintText(element) === '', 'the hint to clear');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('sends the key as typed without a published format', async () => {
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      (adapter as { getKeyFormats?: unknown }).getKeyFormats = undefined;
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const groups = responseFor(challenge).split('-');
      groups[2] = withWrongSymbol(groups[2]!, 1);

      await typeInto(box, ` ${groups.join('-')} `);
      expect(hintText(element)).to.equal('');
      await sendKeys({ press: 'Enter' });

      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal([MISMATCH]);
      expect(adapter.callsOf('activateOffline').map((call) => call.args[1])).to.deep.equal([groups.join('-')]);
    });
  });

  describe('activation errors', () => {
    it('reports a response that does not match', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const other = await issueChallenge(new MemoryAdapter({ offline: true, installationId: 'other-installation' }));
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const wrong = responseFor(other);

      const failed = oneEvent(element, 'license-activation-failed');
      await typeInto(box, wrong);
      await clickWithMouse(activateButton(element));
      const event = await failed;

      expect(event.detail.code).to.equal('response-mismatch');
      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal([MISMATCH]);
      expect(box.value, 'response box after the failure').to.equal(wrong);
      expect(box.getAttribute('aria-invalid')).to.equal('true');
      expect(activateButton(element).disabled).to.equal(false);
      expect(adapter.licenses.map((license) => license.product)).not.to.include('Password Reset');
      await expect(element).to.be.accessible();
    });

    it('says when to retry after too many attempts', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      memory.failNext(new LicenseError('rate-limited', 'Injected: too many attempts', { retryAfterSeconds: 90 }), 'activateOffline');

      const failed = oneEvent(element, 'license-activation-failed');
      await typeInto(box, responseFor(challenge));
      await sendKeys({ press: 'Enter' });
      expect((await failed).detail.code).to.equal('rate-limited');

      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal(['Too many attempts. Try again in 90 seconds.']);
      expect(box.value).to.equal(responseFor(challenge));
      expect(activateButton(element).disabled, 'Activate while the backend asks to wait').to.equal(true);
      await expect(element).to.be.accessible();

      box.focus();
      await sendKeys({ press: 'Enter' });
      await nextTask();
      expect(adapter.callsOf('activateOffline'), 'activateOffline calls while waiting').to.have.length(1);

      fake.advance(90_000);
      await waitFor(() => !activateButton(element).disabled, 'Activate after the wait');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('reports a network failure and keeps the key', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      adapter.failNext('network', 'activateOffline');

      await typeInto(box, responseFor(challenge));
      await sendKeys({ press: 'Enter' });

      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal(['The server could not be reached. Check your connection, then try again.']);
      expect(box.value).to.equal(responseFor(challenge));

      await sendKeys({ press: 'Enter' });
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message on the second try');
    });

    it('reports a challenge replaced in another tab', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const first = await issueChallenge(adapter);
      const element = await renderPending(adapter);
      const box = await waitForResponseBox(element);
      const newer = await issueChallenge(adapter);

      const failed = oneEvent(element, 'license-activation-failed');
      await typeInto(box, responseFor(first));
      await clickWithMouse(activateButton(element));
      const event = await failed;

      expect(event.detail.code).to.equal('challenge-replaced');
      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal([REPLACED]);
      expect(activateButton(element).disabled, 'Activate for a replaced challenge').to.equal(true);
      await expect(element).to.be.accessible();

      await clickWithMouse(getByRole(element, 'button', 'Show the newest challenge'));

      await waitFor(() => challengeGroups(element).join('-') === newer.challengeKey, 'the newest challenge');
      expect(box.value, 'response box for the newest challenge').to.equal('');
      expect(activateButton(element).disabled).to.equal(false);
      expect(deepActiveElement()?.textContent).to.equal('Activate offline');
    });

    it('notices a replaced challenge when the tab is shown again', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const first = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, first);
      await waitForResponseBox(element);

      setVisibility('hidden');
      await issueChallenge(adapter);
      setVisibility('visible');

      await waitFor(() => alertTexts(element).length > 0, 'the replaced message');
      expect(alertTexts(element)).to.deep.equal([REPLACED]);
      expect(activateButton(element).disabled).to.equal(true);
    });

    it('sends nothing while an activation runs', async () => {
      const memory = new MemoryAdapter({ offline: true, latencyMs: 200 });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      await typeInto(box, responseFor(challenge));

      const button = activateButton(element);
      await clickWithMouse(button);
      await waitFor(() => button.getAttribute('aria-disabled') === 'true', 'Activate to show busy');
      await sendKeys({ press: 'Enter' });
      await clickWithMouse(button);

      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
      expect(adapter.callsOf('activateOffline'), 'activateOffline calls').to.have.length(1);
    });
  });

  describe('time left', () => {
    it('counts down on the monotonic clock and announces thresholds', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);
      expect(timeLeft(element)).to.equal('Time left: 15:00');

      fake.advance(61_000);
      await waitFor(() => timeLeft(element) === 'Time left: 13:59', 'the time left after 61 seconds');
      expect(announced(element), 'before 5 minutes').to.equal('');

      fake.advance(539_000);
      await waitFor(() => timeLeft(element) === 'Time left: 5:00', 'the time left at 5 minutes');
      expect(announced(element)).to.equal('5 minutes left before the challenge expires.');

      fake.advance(30_000);
      await waitFor(() => timeLeft(element) === 'Time left: 4:30', 'the time left at 4:30');
      expect(announced(element), 'between thresholds').to.equal('5 minutes left before the challenge expires.');

      fake.advance(210_000);
      await waitFor(() => timeLeft(element) === 'Time left: 1:00', 'the time left at 1 minute');
      expect(announced(element)).to.equal('1 minute left before the challenge expires.');
      expect(element.shadowRoot!.querySelector('[part="time-left"]')!.classList.contains('short')).to.equal(true);
      expect(adapter.callsOf('getPendingChallenge'), 'server reads while the clocks agree').to.have.length(0);
    });

    it('disables Activate at zero and announces expiry', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);

      fake.advance(900_000);
      await waitFor(() => sectionText(element).includes(EXPIRED), 'the expired message');
      expect(announced(element)).to.equal(EXPIRED);
      expect(element.shadowRoot!.querySelector('[part="time-left"]'), 'time left once expired').to.equal(null);
      expect(activateButton(element).disabled, 'Activate disabled').to.equal(true);
      getByRole(element, 'button', 'Generate a new challenge');
      await expect(element).to.be.accessible();

      await typeInto(box, responseFor(challenge));
      await sendKeys({ press: 'Enter' });
      await clickWithMouse(activateButton(element));
      await nextTask();
      expect(adapter.callsOf('activateOffline'), 'activateOffline calls after expiry').to.have.length(0);
    });

    it('keeps the typed key when it expires during typing', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      const response = responseFor(challenge);

      await typeInto(box, response.slice(0, 12));
      fake.advance(900_000);
      await waitFor(() => announced(element) === EXPIRED, 'the expiry announcement');
      await sendKeys({ type: response.slice(12) });

      expect(box.value).to.equal(response);
      expect(deepActiveElement(), 'focus stays in the box').to.equal(box);
      expect(activateButton(element).disabled).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await nextTask();
      expect(adapter.callsOf('activateOffline')).to.have.length(0);
    });

    it('ignores a client clock hours off', async () => {
      const fake = installClock();
      fake.setWallOffset(-5 * HOUR_MS);
      const memory = new MemoryAdapter({ offline: true, clockOffsetMs: 5 * HOUR_MS });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);

      expect(timeLeft(element)).to.equal('Time left: 15:00');
      fake.advance(61_000);
      await waitFor(() => timeLeft(element) === 'Time left: 13:59', 'the time left after 61 seconds');
      expect(adapter.callsOf('getPendingChallenge')).to.have.length(0);
    });

    it('reads the time left again after a clock change', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);

      // The admin sets the computer's clock two hours ahead; the server's clock does not move.
      fake.setWallOffset(2 * HOUR_MS);
      memory.configure({ clockOffsetMs: -2 * HOUR_MS });
      fake.advance(30_000);

      await waitFor(() => adapter.callsOf('getPendingChallenge').length === 1, 'the server read');
      await adapter.callsOf('getPendingChallenge')[0]!.settled;
      await waitFor(() => timeLeft(element) === 'Time left: 14:30', 'the time left after 30 seconds');
      expect(activateButton(element).disabled).to.equal(false);
    });

    it('reads the time left again after a sleep', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);

      // While the laptop sleeps, the wall clock and the server move on but the monotonic clock does not advance.
      fake.sleep(600_000);

      await waitFor(() => timeLeft(element) === 'Time left: 5:00', 'the time left after the sleep');
      expect(adapter.callsOf('getPendingChallenge')).to.have.length(1);
      expect(announced(element)).to.equal('5 minutes left before the challenge expires.');
    });

    it('recomputes when a hidden tab is shown again', async () => {
      const fake = installClock();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      await waitForResponseBox(element);

      setVisibility('hidden');
      fake.advance(840_000);
      // A background tab gets no timers for a while: the element stops its own while hidden.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(timeLeft(element), 'while hidden').to.equal('Time left: 15:00');

      setVisibility('visible');
      await waitFor(() => timeLeft(element) === 'Time left: 1:00', 'the time left once shown');
      expect(announced(element)).to.equal('1 minute left before the challenge expires.');
      await waitFor(() => adapter.callsOf('getPendingChallenge').length === 1, 'the server read');
    });

    it('expires on the server expiry answer', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      // The server clock runs an hour ahead of the browser, so the server treats the challenge as expired.
      adapter.configure({ clockOffsetMs: HOUR_MS });

      const failed = oneEvent(element, 'license-activation-failed');
      await typeInto(box, responseFor(challenge));
      await clickWithMouse(activateButton(element));
      const event = await failed;

      expect(event.detail.code).to.equal('challenge-expired');
      await waitFor(() => activateButton(element).disabled, 'Activate to be disabled');
      expect(sectionText(element)).to.contain(EXPIRED);
      expect(announced(element)).to.equal(EXPIRED);
      expect(alertTexts(element)).to.deep.equal([]);
      expect(element.shadowRoot!.querySelector('[part="time-left"]')).to.equal(null);
      expect(box.value).to.equal(responseFor(challenge));
    });

    it('expires a challenge with a short lifetime', async () => {
      const adapter = new MemoryAdapter({ offline: true, challengeLifetimeSeconds: 1 });
      const element = await renderWithChallenge(adapter, await issueChallenge(adapter));
      await waitForResponseBox(element);

      await waitFor(() => sectionText(element).includes(EXPIRED), 'the expired message');
      expect(activateButton(element).disabled).to.equal(true);
    });
  });

  describe('renewal', () => {
    it('generates a new challenge once', async () => {
      const memory = new MemoryAdapter({ offline: true, challengeLifetimeSeconds: 0 });
      const expired = await issueChallenge(memory);
      memory.configure({ challengeLifetimeSeconds: 900 });
      const adapter = new RecordingAdapter(memory);
      adapter.hold('renewChallenge');
      const element = await renderWithChallenge(adapter, expired);
      const box = await waitForResponseBox(element);
      await typeInto(box, 'ABCDE');

      const button = await waitFor(() => getByRole(element, 'button', 'Generate a new challenge'), 'the renew button');
      const renewed = oneEvent(element, 'license-challenge-renewed');
      await clickWithMouse(button);
      await waitFor(() => button.getAttribute('aria-disabled') === 'true', 'the renew button to show busy');
      await clickWithMouse(button);
      await nextTask();
      expect(adapter.callsOf('renewChallenge'), 'renewChallenge calls').to.have.length(1);
      expect(adapter.callsOf('renewChallenge')[0]!.args).to.deep.equal([expired.id]);

      adapter.callsOf('renewChallenge')[0]!.proceed();
      const event = await renewed;

      expect(event.detail.challenge.id).not.to.equal(expired.id);
      await waitFor(() => challengeGroups(element).join('-') === event.detail.challenge.challengeKey, 'the new challenge');
      expect(timeLeft(element)).to.match(/^Time left: 1[45]:\d\d$/);
      expect(box.value, 'response box for the new challenge').to.equal('');
      expect(activateButton(element).disabled).to.equal(false);
      expect(announced(element)).to.equal('A new challenge was generated. Read it to support.');
      expect(deepActiveElement()?.textContent).to.equal('Activate offline');
      await expect(element).to.be.accessible();

      await typeInto(box, responseFor(event.detail.challenge));
      await sendKeys({ press: 'Enter' });
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('reports a failed renewal', async () => {
      const memory = new MemoryAdapter({ offline: true, challengeLifetimeSeconds: 0 });
      const element = await renderWithChallenge(memory, await issueChallenge(memory));
      await waitForResponseBox(element);
      memory.failNext('network', 'renewChallenge');

      await clickWithMouse(await waitFor(() => getByRole(element, 'button', 'Generate a new challenge'), 'the renew button'));

      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal(['The server could not be reached. Check your connection, then try again.']);
      getByRole(element, 'button', 'Generate a new challenge');
    });
  });

  describe('grouped key check', () => {
    const format = RESPONSE_FORMAT;

    it('matches the Crockford Luhn check', () => {
      for (const data of ['0000', 'ABCD', 'ZZZZ', '7K3M', 'X1Y2']) {
        expect(luhnCheckSymbol(data, CROCKFORD_ALPHABET), data).to.equal(crockfordCheckSymbol(data));
      }
    });

    it('works over another alphabet', () => {
      // Luhn mod 10 over the digits: 7992739871 has the check digit 3.
      const digits = { alphabet: '0123456789', groupSizes: [11], separator: '-', groupCheck: 'luhn' as const };
      expect(luhnCheckSymbol('7992739871', '0123456789')).to.equal('3');
      expect(checkGroupedKey('79927398713', digits).key).to.equal('79927398713');
      expect(checkGroupedKey('79927398710', digits).mistyped).to.deep.equal([1]);
    });

    it('returns the canonical key', () => {
      const groups = ['0000', '1111', 'ABCD', 'EFGH', 'JKMN', 'PQRS'].map((data) => data + luhnCheckSymbol(data, CROCKFORD_ALPHABET));
      const typed = groups.join(' ').toLowerCase().replaceAll('0', 'O').replaceAll('1', 'l');
      expect(checkGroupedKey(typed, format)).to.deep.equal({ key: groups.join('-'), length: 30, expected: 30, mistyped: [] });
      expect(checkGroupedKey(groups.join(''), format).key).to.equal(groups.join('-'));
    });

    it('does not upper-case beyond ASCII', () => {
      expect(checkGroupedKey('ß', format).mistyped).to.deep.equal([1]);
    });
  });
});
