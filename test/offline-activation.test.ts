import './helpers/setup.ts';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.ts';
import { computeResponseKey, createSampleKeys, DEMO_READ_ONLY_USER, MemoryAdapter } from '../src/adapter/memory/index.ts';
import type { OfflineActivation, OfflineChallenge } from '../src/index.ts';
import { clickWithMouse, getByRole, nextTask, queryAllByRole, textOf, typeInto, waitFor } from './helpers/dom.ts';
import { RecordingAdapter } from './helpers/recording-adapter.ts';

const SUCCESS = 'License for Password Reset added.';
const EXPIRED = 'This challenge has expired. Submit the license key again to get a new challenge.';

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

async function renderWithChallenge(adapter: MemoryAdapter | RecordingAdapter, challenge: OfflineChallenge): Promise<OfflineActivation> {
  return fixture<OfflineActivation>(
    html`<offline-activation lang="en-US" .adapter=${adapter} .challenge=${challenge}></offline-activation>`,
  );
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

/** Returns the texts of the paragraphs in the alert region. */
function alertTexts(element: OfflineActivation): string[] {
  return [...getByRole(element, 'alert').querySelectorAll('p')].map(textOf);
}

/** A `performance.now` that a test moves forward, since the element counts down on that clock. */
class FakeMonotonicClock {
  #offsetMs = 0;

  install(): void {
    const real = performance.now.bind(performance);
    performance.now = () => real() + this.#offsetMs;
  }

  advance(milliseconds: number): void {
    this.#offsetMs += milliseconds;
  }

  uninstall(): void {
    delete (performance as Partial<Performance>).now;
  }
}

describe('offline-activation', () => {
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
      expect(timeLeft(element)).to.match(/^Time left: 1[45]:\d\d$/);
      expect(box.value).to.equal('');
      expect(activateButton(element).disabled).to.equal(false);
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
      const element = await fixture<OfflineActivation>(html`<offline-activation lang="en-US" .adapter=${adapter}></offline-activation>`);
      const box = await waitForResponseBox(element);

      expect(challengeGroups(element).join('-')).to.equal(challenge.challengeKey);
      expect(timeLeft(element)).to.match(/^Time left: 1[45]:\d\d$/);

      await typeInto(box, responseFor(challenge));
      await clickWithMouse(activateButton(element));
      await waitFor(() => getByRole(element, 'status', SUCCESS), 'the success message');
    });

    it('shows that no activation is in progress', async () => {
      const element = await fixture<OfflineActivation>(
        html`<offline-activation .adapter=${new MemoryAdapter({ offline: true })}></offline-activation>`,
      );

      await waitFor(() => getByRole(element, 'heading', 'No offline activation in progress'), 'the empty state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('requires administrator access', async () => {
      const element = await fixture<OfflineActivation>(
        html`<offline-activation .adapter=${new MemoryAdapter({ offline: true, user: DEMO_READ_ONLY_USER })}></offline-activation>`,
      );

      await waitFor(() => getByRole(element, 'region', 'Administrator access required'), 'the access state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('shows a load error with Retry', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      adapter.failNext('network', 'getPendingChallenge');
      const element = await fixture<OfflineActivation>(html`<offline-activation .adapter=${adapter}></offline-activation>`);

      const alert = await waitFor(() => getByRole(element, 'alert'), 'the error state');
      expect(getByRole(alert, 'heading').textContent?.trim()).to.equal('The offline activation could not be loaded');
      expect(textOf(alert)).to.contain('The server could not be reached. Check your connection, then try again.');
      await expect(element).to.be.accessible();

      await clickWithMouse(getByRole(element, 'button', 'Retry'));

      await waitForResponseBox(element);
      expect(challengeGroups(element).join('-')).to.equal(challenge.challengeKey);
    });
  });

  describe('activating', () => {
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
      expect(adapter.licenses.map((license) => license.product)).to.include('Password Reset');
      await expect(element).to.be.accessible();
    });

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
      expect(alertTexts(element)).to.deep.equal([
        'The response key does not match the challenge. Check each group with the support engineer.',
        'Check that the response key was typed correctly.',
      ]);
      expect(box.value, 'response box after the failure').to.equal(wrong);
      expect(box.getAttribute('aria-invalid')).to.equal('true');
      expect(activateButton(element).disabled).to.equal(false);
      expect(adapter.licenses.map((license) => license.product)).not.to.include('Password Reset');
      await expect(element).to.be.accessible();
    });

    it('reports a replaced challenge', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const first = await issueChallenge(adapter);
      const newer = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, first);
      const box = await waitForResponseBox(element);
      expect(challengeGroups(element).join('-'), 'the given challenge, not the pending one').to.equal(first.challengeKey);
      expect(newer.challengeKey).not.to.equal(first.challengeKey);

      const failed = oneEvent(element, 'license-activation-failed');
      await typeInto(box, responseFor(first));
      await clickWithMouse(activateButton(element));
      const event = await failed;

      expect(event.detail.code).to.equal('challenge-replaced');
      await waitFor(() => alertTexts(element).length > 0, 'the error message');
      expect(alertTexts(element)).to.deep.equal([
        'A newer activation challenge was generated, for example in another tab. Use the newest challenge.',
      ]);
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

  describe('expiry', () => {
    let clock: FakeMonotonicClock | undefined;

    afterEach(() => {
      clock?.uninstall();
      clock = undefined;
    });

    it('counts down and disables Activate at zero', async () => {
      clock = new FakeMonotonicClock();
      clock.install();
      const memory = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(memory);
      const adapter = new RecordingAdapter(memory);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      expect(timeLeft(element)).to.equal('Time left: 15:00');

      clock.advance(61_000);
      await waitFor(() => /^Time left: 13:5\d$/.test(timeLeft(element)), 'the time left after 61 seconds');

      clock.advance(900_000);
      await waitFor(() => textOf(element.shadowRoot!.querySelector('section')!).includes(EXPIRED), 'the expired message');
      expect(element.shadowRoot!.querySelector('[part="time-left"]'), 'time left once expired').to.equal(null);
      expect(activateButton(element).disabled, 'Activate disabled').to.equal(true);
      await expect(element).to.be.accessible();

      await typeInto(box, responseFor(challenge));
      await sendKeys({ press: 'Enter' });
      await clickWithMouse(activateButton(element));
      await nextTask();
      expect(adapter.callsOf('activateOffline'), 'activateOffline calls after expiry').to.have.length(0);
    });

    it('expires a challenge with a short lifetime', async () => {
      const adapter = new MemoryAdapter({ offline: true, challengeLifetimeSeconds: 1 });
      const element = await renderWithChallenge(adapter, await issueChallenge(adapter));
      await waitForResponseBox(element);

      await waitFor(() => textOf(element.shadowRoot!.querySelector('section')!).includes(EXPIRED), 'the expired message');
      expect(activateButton(element).disabled).to.equal(true);
    });

    it('expires on the server expiry error', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const challenge = await issueChallenge(adapter);
      const element = await renderWithChallenge(adapter, challenge);
      const box = await waitForResponseBox(element);
      expect(activateButton(element).disabled).to.equal(false);
      // The server clock runs an hour ahead of the browser, so the server treats the challenge as expired.
      adapter.configure({ clockOffsetMs: 3_600_000 });

      const failed = oneEvent(element, 'license-activation-failed');
      await typeInto(box, responseFor(challenge));
      await clickWithMouse(activateButton(element));
      const event = await failed;

      expect(event.detail.code).to.equal('challenge-expired');
      await waitFor(() => activateButton(element).disabled, 'Activate to be disabled');
      expect(textOf(element.shadowRoot!.querySelector('section')!)).to.contain(EXPIRED);
      expect(alertTexts(element)).to.deep.equal([
        'The activation challenge has expired. Generate a new challenge and read it to support again.',
      ]);
      expect(element.shadowRoot!.querySelector('[part="time-left"]')).to.equal(null);
    });
  });
});
