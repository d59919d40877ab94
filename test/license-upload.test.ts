import './helpers/setup.ts';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.ts';
import {
  computeResponseKey,
  createSampleKeys,
  DEMO_READ_ONLY_USER,
  DEMO_SYSTEM_ADMIN,
  MemoryAdapter,
  type SampleKeys,
} from '../src/adapter/memory/index.ts';
import type { LicenseUpload, OfflineActivation } from '../src/index.ts';
import { LicenseError } from '../src/index.ts';
import { clickWithMouse, deepActiveElement, getByRole, queryAllByRole, textOf, typeInto, waitFor } from './helpers/dom.ts';
import { RecordingAdapter } from './helpers/recording-adapter.ts';

const ADVICE = 'Check that the key was copied completely. If it keeps failing, contact support.';
/** The default `--license-color-danger` of a light page, #b3261e. */
const DANGER_RED = 'rgb(179, 38, 30)';

async function renderUpload(adapter: MemoryAdapter | RecordingAdapter): Promise<LicenseUpload> {
  return fixture<LicenseUpload>(html`<license-upload lang="en-US" .adapter=${adapter}></license-upload>`);
}

async function waitForKeyBox(element: LicenseUpload): Promise<HTMLTextAreaElement> {
  return waitFor(() => getByRole<HTMLTextAreaElement>(element, 'textbox', 'License key'), 'the license key box');
}

function saveButton(element: LicenseUpload): HTMLButtonElement {
  return getByRole<HTMLButtonElement>(element, 'button', 'Save');
}

/** Returns the text of the success message, or '' when there is none. */
function successText(element: LicenseUpload): string {
  return textOf(getByRole(element, 'status'));
}

function errorRegion(element: LicenseUpload): HTMLElement {
  return getByRole(element, 'alert');
}

/** Types `key` into the box and presses Save with the mouse. */
async function submitKey(element: LicenseUpload, key: string): Promise<void> {
  const box = await waitForKeyBox(element);
  await typeInto(box, key);
  await clickWithMouse(saveButton(element));
}

/** Formats a date-only value as an en-US medium date of that calendar day. */
function usDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(isoDate));
}

describe('license-upload', () => {
  let keys: SampleKeys;

  beforeEach(() => {
    keys = createSampleKeys(Date.now());
  });

  describe('states', () => {
    it('shows loading until the user is known', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter());
      adapter.hold('getCurrentUser');
      const element = await renderUpload(adapter);

      await waitFor(() => getByRole(element, 'status', 'Loading…'), 'the loading state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      await expect(element).to.be.accessible();

      adapter.callsOf('getCurrentUser')[0]!.proceed();
      await waitForKeyBox(element);
    });

    it('renders a labelled key box and Save', async () => {
      const element = await renderUpload(new MemoryAdapter());

      const box = await waitForKeyBox(element);
      const save = saveButton(element);
      expect(box.tagName).to.equal('TEXTAREA');
      expect(box.value).to.equal('');
      expect(box.getAttribute('aria-invalid')).to.equal('false');
      expect(save.type).to.equal('submit');
      expect(save.getAttribute('aria-disabled')).to.equal('false');
      expect(successText(element)).to.equal('');
      expect(textOf(errorRegion(element))).to.equal('');
      await expect(element).to.be.accessible();
    });

    it('requires administrator access for a read-only user', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ user: DEMO_READ_ONLY_USER }));
      const element = await renderUpload(adapter);

      const region = await waitFor(() => getByRole(element, 'region', 'Administrator access required'), 'the access state');
      expect(textOf(region)).to.contain('Only administrators can view and manage licenses.');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
      expect(queryAllByRole(element, 'button', 'Save')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('requires administrator access on a forbidden answer', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('forbidden', 'getCurrentUser');
      const element = await renderUpload(adapter);

      await waitFor(() => getByRole(element, 'region', 'Administrator access required'), 'the access state');
      expect(queryAllByRole(element, 'textbox')).to.have.length(0);
    });

    it('shows an access check error with Retry', async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext('network', 'getCurrentUser');
      const element = await renderUpload(adapter);

      const alert = await waitFor(() => getByRole(element, 'alert'), 'the error state');
      expect(textOf(alert)).to.contain('The server could not be reached.');
      await expect(element).to.be.accessible();

      await clickWithMouse(getByRole(element, 'button', 'Retry'));
      await waitForKeyBox(element);
    });

    it('lets one_sys_admin add a key', async () => {
      const element = await renderUpload(new MemoryAdapter({ user: DEMO_SYSTEM_ADMIN }));

      await submitKey(element, keys.newProduct);

      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
    });
  });

  describe('adding a key', () => {
    it('adds a license and reports it below the box', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      await typeInto(box, keys.newProduct);

      const added = oneEvent(element, 'license-added');
      await clickWithMouse(saveButton(element));
      const event = await added;

      expect(event.detail.license.product).to.equal('Password Reset');
      expect(event.detail.license.key).to.equal(keys.newProduct);
      expect(event.detail.previous).to.equal(undefined);
      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
      const message = getByRole(element, 'status');
      expect(message.getBoundingClientRect().top, 'message top').to.be.at.least(box.getBoundingClientRect().bottom);
      expect(box.value, 'key box after success').to.equal('');
      expect(element.value).to.equal('');
      expect(box.getAttribute('aria-invalid')).to.equal('false');
      expect(textOf(errorRegion(element))).to.equal('');
      await expect(element).to.be.accessible();
    });

    it('states the new expiry of a renewal', async () => {
      const adapter = new MemoryAdapter();
      const before = adapter.licenses.find((license) => license.product === 'Mobile Token')!;
      const element = await renderUpload(adapter);

      const added = oneEvent(element, 'license-added');
      await submitKey(element, keys.renewal);
      const event = await added;

      const expiry = event.detail.license.expiresAt!;
      expect(expiry).not.to.equal(before.expiresAt);
      expect(event.detail.previous?.expiresAt).to.equal(before.expiresAt);
      await waitFor(
        () => successText(element) === `License for Mobile Token renewed. It now expires on ${usDate(expiry)}.`,
        'the renewal message',
      );
    });

    const failures: Array<{
      name: string;
      code: string;
      message: string;
      key: (adapter: MemoryAdapter) => string;
      setUp?: (adapter: MemoryAdapter) => void;
    }> = [
      {
        name: 'a mistyped key',
        code: 'invalid-key',
        message: 'The license key is not valid. Check that the whole key was copied, with no characters missing or added.',
        key: () => keys.mistyped,
      },
      {
        name: 'an expired key',
        code: 'key-expired',
        message: 'This license key has already expired. Ask your vendor for a current key.',
        key: () => keys.expired,
      },
      {
        name: "another product's key",
        code: 'wrong-product',
        message: 'This license key is for a different product. Check that you copied the key for this product.',
        key: () => keys.otherProduct,
      },
      {
        name: 'a key already applied',
        code: 'key-already-applied',
        message: 'This license key is already applied. No change was made.',
        key: (adapter) => adapter.licenses.find((license) => license.product === 'MFA Server')!.key,
      },
      {
        name: 'an unreachable server',
        code: 'network',
        message: 'The server could not be reached. Check your connection, then try again.',
        key: () => keys.newProduct,
        setUp: (adapter) => adapter.failNext('network', 'submitLicenseKey'),
      },
      {
        name: 'too many attempts',
        code: 'rate-limited',
        message: 'Too many attempts. Try again in 30 seconds.',
        key: () => keys.newProduct,
        setUp: (adapter) =>
          adapter.failNext(new LicenseError('rate-limited', 'Injected rate limit', { retryAfterSeconds: 30 }), 'submitLicenseKey'),
      },
    ];

    for (const failure of failures) {
      it(`reports ${failure.name}`, async () => {
        const adapter = new MemoryAdapter();
        failure.setUp?.(adapter);
        const element = await renderUpload(adapter);
        const key = failure.key(adapter);

        const failed = oneEvent(element, 'license-upload-failed');
        await submitKey(element, key);
        const event = await failed;

        expect(event.detail.code, 'event code').to.equal(failure.code);
        const alert = await waitFor(() => textOf(errorRegion(element)) !== '' && errorRegion(element), 'the error message');
        const paragraphs = [...alert.querySelectorAll('p')].map(textOf);
        expect(paragraphs, 'error message').to.deep.equal([failure.message, ADVICE]);
        expect(getComputedStyle(alert).color, 'error colour').to.equal(DANGER_RED);
        const box = getByRole<HTMLTextAreaElement>(element, 'textbox', 'License key');
        expect(box.getAttribute('aria-invalid'), 'aria-invalid').to.equal('true');
        expect(box.getAttribute('aria-describedby')?.split(' '), 'aria-describedby').to.include('message');
        expect(box.value, 'key box after the failure').to.equal(key);
        expect(successText(element)).to.equal('');
        await expect(element).to.be.accessible();
      });
    }

    it('clears the error on the next success', async () => {
      const element = await renderUpload(new MemoryAdapter());
      await submitKey(element, keys.mistyped);
      const box = await waitFor(
        () => getByRole(element, 'textbox', 'License key').getAttribute('aria-invalid') === 'true' && getByRole<HTMLTextAreaElement>(element, 'textbox', 'License key'),
        'the failed state',
      );

      box.select();
      await sendKeys({ press: 'Backspace' });
      await typeInto(box, keys.newProduct);
      await clickWithMouse(saveButton(element));

      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
      expect(textOf(errorRegion(element))).to.equal('');
      expect(box.getAttribute('aria-invalid')).to.equal('false');
    });

    it('submits with Ctrl+Enter', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      await typeInto(box, keys.newProduct);

      const added = oneEvent(element, 'license-added');
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await added;

      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
      expect(box.value).to.equal('');
    });

    it('adds a key with the keyboard only', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);

      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement(), 'focus after one Tab').to.equal(box);
      await sendKeys({ type: keys.newProduct });
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement(), 'focus after two Tabs').to.equal(saveButton(element));
      await sendKeys({ press: 'Space' });

      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
      expect(deepActiveElement(), 'focus after saving').to.equal(saveButton(element));
    });

    it('submits once when Save is clicked twice', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ latencyMs: 300 }));
      const element = await renderUpload(adapter);
      const box = await waitForKeyBox(element);
      await typeInto(box, keys.newProduct);

      const save = saveButton(element);
      await clickWithMouse(save);
      await waitFor(() => save.getAttribute('aria-disabled') === 'true', 'Save to show busy');
      expect(save.querySelector('.spinner'), 'spinner in Save').not.to.equal(null);
      expect(element.submitting).to.equal(true);
      await clickWithMouse(save);
      save.click();

      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
      expect(adapter.callsOf('submitLicenseKey'), 'submitLicenseKey calls').to.have.length(1);
      expect(save.getAttribute('aria-disabled')).to.equal('false');
      expect(save.querySelector('.spinner')).to.equal(null);
    });

    it('shows the support contact after two failures', async () => {
      const element = await fixture<LicenseUpload>(html`<license-upload
        lang="en-US"
        support-phone="+1 (555) 010-0199"
        support-email="licensing@example.com"
        support-url="https://support.example.com/licenses"
        support-hours="Mon–Fri 8:00–18:00 CET"
        .adapter=${new MemoryAdapter()}
      ></license-upload>`);

      await submitKey(element, keys.mistyped);
      await waitFor(() => textOf(errorRegion(element)) !== '', 'the first error');
      expect(queryAllByRole(element, 'link'), 'links after one failure').to.have.length(0);
      expect(textOf(element.shadowRoot!.querySelector('form')!)).not.to.contain('Mon–Fri');

      await clickWithMouse(saveButton(element));
      const phone = await waitFor(() => getByRole<HTMLAnchorElement>(element, 'link', '+1 (555) 010-0199'), 'the phone link');
      expect(phone.getAttribute('href')).to.equal('tel:+15550100199');
      expect(getByRole<HTMLAnchorElement>(element, 'link', 'licensing@example.com').getAttribute('href')).to.equal(
        'mailto:licensing@example.com',
      );
      expect(getByRole<HTMLAnchorElement>(element, 'link', 'Support website').getAttribute('href')).to.equal(
        'https://support.example.com/licenses',
      );
      expect(textOf(element.shadowRoot!.querySelector('form')!)).to.contain('Hours: Mon–Fri 8:00–18:00 CET');
      await expect(element).to.be.accessible();
    });
  });

  describe('offline installation', () => {
    /** Returns the offline step inside the upload, once it is shown. */
    async function waitForOfflineStep(element: LicenseUpload): Promise<OfflineActivation> {
      return waitFor(() => {
        const step = element.shadowRoot!.querySelector('offline-activation');
        return step !== null && queryAllByRole(step, 'textbox', 'Response key').length === 1 && step;
      }, 'the offline activation step');
    }

    it('turns Save into the offline step', async () => {
      const element = await renderUpload(new MemoryAdapter({ offline: true }));

      const received = oneEvent(element, 'license-challenge-received');
      await submitKey(element, keys.newProduct);
      const event = await received;

      const step = await waitForOfflineStep(element);
      const groups = [...step.shadowRoot!.querySelectorAll('[part="group"]')].map(textOf);
      expect(groups.join('-')).to.equal(event.detail.challenge.challengeKey);
      expect(queryAllByRole(element, 'textbox', 'License key'), 'key box during the offline step').to.have.length(0);
      getByRole(element, 'button', 'Activate Offline');
      getByRole(element, 'button', 'Use a different key');
      await expect(element).to.be.accessible();
    });

    it('completes offline with the online message', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const element = await renderUpload(adapter);
      const received = oneEvent(element, 'license-challenge-received');
      await submitKey(element, keys.newProduct);
      const { challenge } = (await received).detail;
      const step = await waitForOfflineStep(element);

      const activated = oneEvent(document, 'license-activated');
      await typeInto(getByRole(step, 'textbox', 'Response key'), computeResponseKey(challenge.challengeKey)!);
      await clickWithMouse(getByRole(step, 'button', 'Activate Offline'));
      const event = await activated;

      expect(event.detail.license.product).to.equal('Password Reset');
      const box = await waitForKeyBox(element);
      expect(successText(element)).to.equal('License for Password Reset added.');
      expect(box.value).to.equal('');
      expect(adapter.licenses.map((license) => license.product)).to.include('Password Reset');
    });

    it('moves focus through the offline step', async () => {
      const element = await renderUpload(new MemoryAdapter({ offline: true }));
      const box = await waitForKeyBox(element);
      const received = oneEvent(element, 'license-challenge-received');
      await typeInto(box, keys.newProduct);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      const { challenge } = (await received).detail;

      const step = await waitForOfflineStep(element);
      const heading = getByRole(step, 'heading', 'Activate offline');
      await waitFor(() => deepActiveElement() === heading, 'focus on the offline step heading');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement(), 'focus after Tab').to.equal(getByRole(step, 'textbox', 'Response key'));
      await sendKeys({ type: computeResponseKey(challenge.challengeKey)! });
      await sendKeys({ press: 'Enter' });

      await waitFor(() => successText(element) === 'License for Password Reset added.', 'the success message');
      await waitFor(() => deepActiveElement() === getByRole(element, 'textbox', 'License key'), 'focus back on the key box');
    });

    it('returns focus to the key box from the offline step', async () => {
      const element = await renderUpload(new MemoryAdapter({ offline: true }));
      await submitKey(element, keys.newProduct);
      const step = await waitForOfflineStep(element);
      const back = getByRole(element, 'button', 'Use a different key');
      await waitFor(() => deepActiveElement() === getByRole(step, 'heading', 'Activate offline'), 'focus on the offline step');

      back.focus();
      await sendKeys({ press: 'Enter' });

      const box = await waitForKeyBox(element);
      await waitFor(() => deepActiveElement() === box, 'focus on the key box');
      expect(box.value).to.equal(keys.newProduct);
    });

    it('returns to the form with the text kept', async () => {
      const element = await renderUpload(new MemoryAdapter({ offline: true }));
      await submitKey(element, keys.newProduct);
      await waitForOfflineStep(element);

      await clickWithMouse(getByRole(element, 'button', 'Use a different key'));

      const box = await waitForKeyBox(element);
      expect(box.value).to.equal(keys.newProduct);
      expect(element.shadowRoot!.querySelector('offline-activation')).to.equal(null);
    });

    it('requests one challenge when Save is clicked twice', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ offline: true }));
      const element = await renderUpload(adapter);
      const box = await waitForKeyBox(element);
      await typeInto(box, keys.newProduct);
      const challenges: string[] = [];
      element.addEventListener('license-challenge-received', (event) => challenges.push(event.detail.challenge.id));

      adapter.hold('submitLicenseKey');
      const save = saveButton(element);
      save.click();
      const call = await waitFor(() => adapter.callsOf('submitLicenseKey')[0], 'the submission');
      call.proceed();
      // Clicks on every microtask while the result is handled, until the offline step replaces Save.
      for (let step = 0; step < 50; step++) {
        save.click();
        await Promise.resolve();
      }
      await waitForOfflineStep(element);

      expect(adapter.callsOf('submitLicenseKey'), 'submitLicenseKey calls').to.have.length(1);
      expect(challenges, 'challenges received').to.have.length(1);
    });

    it('passes the support contact to the offline step', async () => {
      const element = await fixture<LicenseUpload>(html`<license-upload
        support-phone="+44 20 7946 0000"
        support-email="licensing@example.com"
        .adapter=${new MemoryAdapter({ offline: true })}
      ></license-upload>`);
      await submitKey(element, keys.newProduct);
      const step = await waitForOfflineStep(element);

      expect(getByRole(step, 'link', '+44 20 7946 0000').getAttribute('href')).to.equal('tel:+442079460000');
      expect(getByRole(step, 'link', 'licensing@example.com').getAttribute('href')).to.equal('mailto:licensing@example.com');
    });
  });
});
