/**
 * Read-aloud help for the challenge key: each symbol spelled with a code word, and a download of the
 * challenge as a text file. Loaded with `import()` only when the admin opens the spelling or downloads the file.
 */
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { OfflineChallenge } from '../adapter/types.js';

/**
 * Returns the code word that spells `symbol` over the phone: the NATO alphabet for letters and the
 * English number words for digits, each translatable under `license-elements.phonetic.<symbol>`.
 * Other symbols are spelled as themselves.
 */
export function spell(symbol: string): string {
  switch (symbol) {
    case 'A':
      return msg('Alfa', { id: 'license-elements.phonetic.a' });
    case 'B':
      return msg('Bravo', { id: 'license-elements.phonetic.b' });
    case 'C':
      return msg('Charlie', { id: 'license-elements.phonetic.c' });
    case 'D':
      return msg('Delta', { id: 'license-elements.phonetic.d' });
    case 'E':
      return msg('Echo', { id: 'license-elements.phonetic.e' });
    case 'F':
      return msg('Foxtrot', { id: 'license-elements.phonetic.f' });
    case 'G':
      return msg('Golf', { id: 'license-elements.phonetic.g' });
    case 'H':
      return msg('Hotel', { id: 'license-elements.phonetic.h' });
    case 'I':
      return msg('India', { id: 'license-elements.phonetic.i' });
    case 'J':
      return msg('Juliett', { id: 'license-elements.phonetic.j' });
    case 'K':
      return msg('Kilo', { id: 'license-elements.phonetic.k' });
    case 'L':
      return msg('Lima', { id: 'license-elements.phonetic.l' });
    case 'M':
      return msg('Mike', { id: 'license-elements.phonetic.m' });
    case 'N':
      return msg('November', { id: 'license-elements.phonetic.n' });
    case 'O':
      return msg('Oscar', { id: 'license-elements.phonetic.o' });
    case 'P':
      return msg('Papa', { id: 'license-elements.phonetic.p' });
    case 'Q':
      return msg('Quebec', { id: 'license-elements.phonetic.q' });
    case 'R':
      return msg('Romeo', { id: 'license-elements.phonetic.r' });
    case 'S':
      return msg('Sierra', { id: 'license-elements.phonetic.s' });
    case 'T':
      return msg('Tango', { id: 'license-elements.phonetic.t' });
    case 'U':
      return msg('Uniform', { id: 'license-elements.phonetic.u' });
    case 'V':
      return msg('Victor', { id: 'license-elements.phonetic.v' });
    case 'W':
      return msg('Whiskey', { id: 'license-elements.phonetic.w' });
    case 'X':
      return msg('X-ray', { id: 'license-elements.phonetic.x' });
    case 'Y':
      return msg('Yankee', { id: 'license-elements.phonetic.y' });
    case 'Z':
      return msg('Zulu', { id: 'license-elements.phonetic.z' });
    case '0':
      return msg('Zero', { id: 'license-elements.phonetic.0' });
    case '1':
      return msg('One', { id: 'license-elements.phonetic.1' });
    case '2':
      return msg('Two', { id: 'license-elements.phonetic.2' });
    case '3':
      return msg('Three', { id: 'license-elements.phonetic.3' });
    case '4':
      return msg('Four', { id: 'license-elements.phonetic.4' });
    case '5':
      return msg('Five', { id: 'license-elements.phonetic.5' });
    case '6':
      return msg('Six', { id: 'license-elements.phonetic.6' });
    case '7':
      return msg('Seven', { id: 'license-elements.phonetic.7' });
    case '8':
      return msg('Eight', { id: 'license-elements.phonetic.8' });
    case '9':
      return msg('Nine', { id: 'license-elements.phonetic.9' });
    default:
      return symbol;
  }
}

/** Renders the challenge key group by group, each symbol followed by its code word. */
export function renderPhonetic(challengeKey: string): TemplateResult {
  return html`<style>
      .phonetic {
        margin: 0;
        padding-inline-start: 1.5rem;
      }
      .phonetic li {
        direction: ltr;
        unicode-bidi: isolate;
      }
      .phonetic b {
        font-family: var(--_mono);
      }
    </style>
    <ol class="phonetic" part="phonetic" aria-label=${msg('Phonetic spelling of the challenge key', { id: 'license-elements.offline.phonetic-label' })}>
      ${challengeKey.split('-').map(
        (group) => html`<li>${[...group].map((symbol, index) => html`${index > 0 ? ', ' : ''}<b>${symbol}</b> ${spell(symbol)}`)}</li>`,
      )}
    </ol>`;
}

/** Saves the challenge as a text file, to send to support by e-mail or keep beside the phone. */
export function downloadChallenge(challenge: OfflineChallenge, locale: string): void {
  const issued = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(challenge.issuedAt));
  const lifetime = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    Math.round(challenge.lifetimeSeconds / 60),
  );
  const lines = [
    msg('Offline activation challenge', { id: 'license-elements.offline.file-title' }),
    '',
    msg(str`Challenge key: ${challenge.challengeKey}`, { id: 'license-elements.offline.file-key' }),
    ...(challenge.product ? [msg(str`Product: ${challenge.product}`, { id: 'license-elements.offline.file-product' })] : []),
    msg(str`Issued: ${issued} (server time)`, { id: 'license-elements.offline.file-issued' }),
    msg(str`Valid for ${lifetime} from issue.`, { id: 'license-elements.offline.file-lifetime' }),
    '',
  ];
  const url = URL.createObjectURL(new Blob([lines.join('\r\n')], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `offline-challenge-${challenge.challengeKey.replace(/[^\w-]/g, '')}.txt`;
  link.click();
  // Chromium starts the download after the click returns, so the URL is revoked a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
