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

    it('states the expiry before and after a renewal', async () => {
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
        () =>
          successText(element) ===
          `License for Mobile Token renewed. It now expires on ${usDate(expiry)} instead of ${usDate(before.expiresAt!)}.`,
        'the renewal message',
      );
    });

    const failures: Array<{
      name: string;
      code: string;
      message: string;
      key: (adapter: MemoryAdapter) => string;
      setUp?: (adapter: MemoryAdapter) => void;
      /** Whether the failure may come from a damaged copy, so the advice to check the copy follows. */
      copyAdvice?: boolean;
    }> = [
      {
        name: 'a mistyped key',
        code: 'invalid-key',
        message: 'The license key is not valid. Check that the whole key was copied, with no characters missing or added.',
        key: () => keys.mistyped,
        copyAdvice: true,
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
        copyAdvice: true,
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
      {
        name: 'an account that may not manage licenses',
        code: 'forbidden',
        message: 'Your account may not manage licenses. Ask an administrator.',
        key: () => keys.newProduct,
        setUp: (adapter) => adapter.failNext('forbidden', 'submitLicenseKey'),
      },
      {
        name: 'an ended session',
        code: 'not-signed-in',
        message: 'Your session has ended. Sign in again, then retry.',
        key: () => keys.newProduct,
        setUp: (adapter) => adapter.failNext('not-signed-in', 'submitLicenseKey'),
      },
      {
        name: 'a server that took too long',
        code: 'timeout',
        message: 'The server took too long to answer. Try again.',
        key: () => keys.newProduct,
        setUp: (adapter) => adapter.failNext('timeout', 'submitLicenseKey'),
      },
      {
        name: 'a server failure',
        code: 'unknown',
        message: 'Something went wrong on the server. Try again; if it keeps failing, contact support.',
        key: () => keys.newProduct,
        setUp: (adapter) => adapter.failNext('unknown', 'submitLicenseKey'),
      },
    ];

    it('shows the access state when the account loses its rights', async () => {
      const adapter = new MemoryAdapter();
      const element = await renderUpload(adapter);
      await waitForKeyBox(element);
      adapter.user = DEMO_READ_ONLY_USER;

      const failed = oneEvent(element, 'license-upload-failed');
      await submitKey(element, keys.newProduct);
      expect((await failed).detail.code, 'event code').to.equal('forbidden');

      await waitFor(() => getByRole(element, 'heading', 'Administrator access required'), 'the access-required state');
      expect(queryAllByRole(element, 'textbox', 'License key'), 'key box').to.have.length(0);
      expect(element.value, 'typed text kept').to.equal(keys.newProduct);
    });

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
        expect(paragraphs, 'error message').to.deep.equal(failure.copyAdvice ? [failure.message, ADVICE] : [failure.message]);
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

  describe('pasting, files and repairs', () => {
    /** Pastes `text` the way the browser delivers a paste: a ClipboardEvent carrying a DataTransfer. */
    function pasteInto(box: HTMLTextAreaElement, text: string): ClipboardEvent {
      box.focus();
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', text);
      const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, composed: true, cancelable: true });
      box.dispatchEvent(event);
      return event;
    }

    function fileInput(element: LicenseUpload): HTMLInputElement {
      return element.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    }

    /** Sets `file` on the file input, as the file chooser does, and fires `change`. */
    function chooseFile(element: LicenseUpload, file: File): void {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      const input = fileInput(element);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }

    /** Drags `file` over `target` and drops it there; returns the drop event. */
    function dropFile(target: Element, file: File): DragEvent {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(file);
      const init = { dataTransfer, bubbles: true, composed: true, cancelable: true };
      target.dispatchEvent(new DragEvent('dragenter', init));
      const over = new DragEvent('dragover', init);
      target.dispatchEvent(over);
      expect(over.defaultPrevented, 'dragover accepted').to.equal(true);
      const drop = new DragEvent('drop', init);
      target.dispatchEvent(drop);
      return drop;
    }

    function statusRegion(element: LicenseUpload): HTMLElement {
      return getByRole(element, 'status');
    }

    it('repairs a pasted copy and notes the repairs', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      const damaged = `\u200BLicense key:\u00A0${keys.newProduct.replaceAll('-', '\u2013')}\r\n`;

      const paste = pasteInto(box, damaged);
      expect(paste.defaultPrevented, 'paste handled').to.equal(true);
      expect(box.value, 'key box after the paste').to.equal(damaged.replace('\r\n', '\n'));
      expect(element.value, 'value after the paste').to.equal(box.value);

      const added = oneEvent(element, 'license-added');
      await clickWithMouse(saveButton(element));
      const event = await added;

      expect(event.detail.license.key, 'key sent').to.equal(keys.newProduct);
      const status = await waitFor(() => textOf(statusRegion(element)).includes('added') && statusRegion(element), 'the success message');
      expect(status.querySelector('.success-text')?.textContent, 'success text').to.equal('License for Password Reset added.');
      expect(textOf(status.querySelector('[part="repairs"]')!), 'repair note').to.equal(
        'Repaired copy damage: removed invisible characters, replaced special spaces with plain spaces, replaced typographic dashes with hyphens, and removed the label before the key.',
      );
      await expect(element).to.be.accessible();
    });

    it('pastes at the caret, replacing the selection', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      await typeInto(box, 'AAAAA-XXXXX-CCCCC');

      box.setSelectionRange(6, 11);
      pasteInto(box, 'BBBBB');

      expect(box.value).to.equal('AAAAA-BBBBB-CCCCC');
      expect(element.value).to.equal('AAAAA-BBBBB-CCCCC');
    });

    it('adds a typed key with lower case and spaces', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const added = oneEvent(element, 'license-added');

      await submitKey(element, keys.newProduct.toLowerCase().replaceAll('-', ' '));

      expect((await added).detail.license.key).to.equal(keys.newProduct);
      await waitFor(() => textOf(statusRegion(element)).includes('changed lower-case letters to upper case'), 'the repair note');
    });

    it('reads a chosen license file', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      const choose = getByRole<HTMLButtonElement>(element, 'button', 'Choose file…');
      expect(fileInput(element).accept).to.equal('.lic,.txt,.key,text/plain');
      let opened = false;
      fileInput(element).click = () => {
        opened = true;
      };
      await clickWithMouse(choose);
      expect(opened, 'file chooser opened').to.equal(true);

      chooseFile(element, new File([`\uFEFF${keys.newProduct}\r\n`], 'license.lic'));

      await waitFor(() => box.value === `${keys.newProduct}\n`, 'the file text in the box');
      expect(textOf(statusRegion(element))).to.equal('Loaded license.lic. Press Save to apply it.');
      await waitFor(() => deepActiveElement() === box, 'focus on the key box');
      await expect(element).to.be.accessible();

      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await waitFor(() => textOf(statusRegion(element)).startsWith('License for Password Reset added.'), 'the success message');
    });

    it('reads a UTF-16 license file', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      const bytes = new Uint8Array(2 + keys.renewal.length * 2);
      bytes.set([0xff, 0xfe]);
      [...keys.renewal].forEach((char, index) => bytes.set([char.charCodeAt(0), 0], 2 + index * 2));

      chooseFile(element, new File([bytes], 'license.txt'));

      await waitFor(() => box.value === keys.renewal, 'the file text in the box');
    });

    it('reads a dropped file', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);

      const drop = dropFile(box, new File([keys.newProduct], 'key.txt', { type: 'text/plain' }));

      expect(drop.defaultPrevented, 'drop handled').to.equal(true);
      await waitFor(() => box.value === keys.newProduct, 'the dropped text in the box');
      expect(element.value).to.equal(keys.newProduct);
      expect(textOf(statusRegion(element))).to.equal('Loaded key.txt. Press Save to apply it.');
    });

    it('leaves dragged text to the browser', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      const dataTransfer = new DataTransfer();
      dataTransfer.setData('text/plain', keys.newProduct);

      const over = new DragEvent('dragover', { dataTransfer, bubbles: true, composed: true, cancelable: true });
      box.dispatchEvent(over);
      const drop = new DragEvent('drop', { dataTransfer, bubbles: true, composed: true, cancelable: true });
      box.dispatchEvent(drop);

      expect(over.defaultPrevented, 'dragover handled by the element').to.equal(false);
      expect(drop.defaultPrevented, 'drop handled by the element').to.equal(false);
      expect(textOf(statusRegion(element)), 'status').to.equal('');
    });

    it('rejects a file over 64 KiB', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      await typeInto(box, 'typed text');

      dropFile(element.shadowRoot!.querySelector('form')!, new File(['A'.repeat(64 * 1024 + 1)], 'huge.lic'));

      const alert = await waitFor(() => textOf(errorRegion(element)) !== '' && errorRegion(element), 'the file error');
      expect(textOf(alert)).to.equal('The file huge.lic is larger than 64 KiB, too large for a license file. Choose the license file itself.');
      expect(box.value, 'text kept').to.equal('typed text');
      await expect(element).to.be.accessible();
    });

    it('reads a file of exactly 64 KiB', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);

      chooseFile(element, new File(['A'.repeat(64 * 1024)], 'large.lic'));

      await waitFor(() => box.value.length === 64 * 1024, 'the file text in the box');
      expect(textOf(errorRegion(element))).to.equal('');
    });

    it('rejects a file that is not text', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);

      chooseFile(element, new File([new Uint8Array([0x4c, 0x49, 0x43, 0x00, 0x01, 0xff, 0xfe, 0x02])], 'license.lic'));

      await waitFor(() => textOf(errorRegion(element)) !== '', 'the file error');
      expect(textOf(errorRegion(element))).to.equal(
        'The file license.lic is not a text file. Choose the license file you received, often a .lic, .txt or .key file.',
      );
      expect(box.value).to.equal('');
    });

    it('catches a missing character before sending', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter());
      const element = await renderUpload(adapter);
      const damaged = keys.newProduct.slice(0, 14) + keys.newProduct.slice(15);

      const failed = oneEvent(element, 'license-upload-failed');
      await submitKey(element, damaged);
      const event = await failed;

      expect(event.detail.code, 'event code').to.equal('invalid-key');
      const alert = await waitFor(() => textOf(errorRegion(element)) !== '' && errorRegion(element), 'the error message');
      expect([...alert.querySelectorAll('p')].map(textOf), 'error message').to.deep.equal([
        'Group 3 of the key has 4 characters instead of 5: a character is missing.',
        ADVICE,
      ]);
      expect(adapter.callsOf('submitLicenseKey'), 'submitLicenseKey calls').to.have.length(0);
      expect(adapter.callsOf('getKeyFormats'), 'getKeyFormats calls').to.have.length(1);
      const box = getByRole<HTMLTextAreaElement>(element, 'textbox', 'License key');
      expect(box.getAttribute('aria-invalid'), 'aria-invalid').to.equal('true');
      expect(box.getAttribute('aria-describedby')?.split(' '), 'aria-describedby').to.include('message');
      expect(box.value, 'text kept').to.equal(damaged);
      await expect(element).to.be.accessible();
    });

    it('sends a damaged key when the adapter publishes no format', async () => {
      const inner = new MemoryAdapter();
      const adapter = new RecordingAdapter(Object.assign(inner, { getKeyFormats: undefined }));
      const element = await renderUpload(adapter);
      const damaged = keys.newProduct.slice(0, 14) + keys.newProduct.slice(15);

      await submitKey(element, `${damaged}\u200B`);

      await waitFor(() => textOf(errorRegion(element)).startsWith('The license key is not valid.'), 'the backend error');
      expect(adapter.callsOf('submitLicenseKey').map((call) => call.args[0]), 'keys sent').to.deep.equal([damaged]);
    });

    it('reports a key pasted twice', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter());
      const element = await renderUpload(adapter);
      const box = await waitForKeyBox(element);

      pasteInto(box, `${keys.newProduct}\n${keys.newProduct}`);
      await clickWithMouse(saveButton(element));

      await waitFor(() => textOf(errorRegion(element)) !== '', 'the error message');
      expect(textOf(errorRegion(element).querySelector('p')!)).to.equal(
        'The same license key is in the box twice. Delete one copy, then press Save.',
      );
      expect(adapter.callsOf('submitLicenseKey')).to.have.length(0);
    });

    it('reports a license cut off before its END line', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);

      pasteInto(box, '-----BEGIN LICENSE-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVph\n');
      await clickWithMouse(saveButton(element));

      await waitFor(() => textOf(errorRegion(element)) !== '', 'the error message');
      expect(textOf(errorRegion(element).querySelector('p')!)).to.equal(
        'The license has a BEGIN line but no END line, so its end was not copied. Copy it again down to the END line.',
      );
    });

    it('submits with Cmd+Enter', async () => {
      const element = await renderUpload(new MemoryAdapter());
      const box = await waitForKeyBox(element);
      await typeInto(box, keys.newProduct);

      const added = oneEvent(element, 'license-added');
      await sendKeys({ down: 'Meta' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Meta' });
      await added;

      await waitFor(() => box.value === '', 'the cleared key box');
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

    it('resumes a pending challenge after a reload', async () => {
      const adapter = new MemoryAdapter({ offline: true });
      const result = await adapter.submitLicenseKey(keys.newProduct);
      if (result.kind !== 'challenge') throw new Error(`Expected a challenge, got ${result.kind}`);

      const element = await renderUpload(adapter);
      const step = await waitForOfflineStep(element);

      const groups = [...step.shadowRoot!.querySelectorAll('[part="group"]')].map(textOf);
      expect(groups.join('-'), 'the same challenge as before the reload').to.equal(result.challenge.challengeKey);
      expect(queryAllByRole(element, 'textbox', 'License key'), 'key box during the offline step').to.have.length(0);
      getByRole(element, 'button', 'Use a different key');
    });

    it('shows the form without a pending challenge', async () => {
      const adapter = new RecordingAdapter(new MemoryAdapter({ offline: true }));
      const element = await renderUpload(adapter);
      await waitForKeyBox(element);
      expect(adapter.callsOf('getPendingChallenge'), 'the upload asked for a pending challenge').to.have.length(1);
      expect(element.shadowRoot!.querySelector('offline-activation'), 'offline step').to.equal(null);
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
      // The challenge's tools (copy, download, ...) come before the response box in the tab order.
      const responseBox = getByRole(step, 'textbox', 'Response key');
      for (let tabs = 0; tabs < 10 && deepActiveElement() !== responseBox; tabs++) await sendKeys({ press: 'Tab' });
      expect(deepActiveElement() === responseBox, 'focus on the response box after Tab').to.equal(true);
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
