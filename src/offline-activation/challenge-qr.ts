/**
 * The challenge key as a QR code, to carry it to a phone. Loaded with `import()` only when the admin
 * opens the QR code view, so the encoder stays out of the element's first load.
 */
import { msg, str } from '@lit/localize';
import { generate } from 'lean-qr/nano';
import { html, type TemplateResult } from 'lit';

/** Quiet zone around the code, in modules; ISO/IEC 18004 requires 4. */
const QUIET_ZONE = 4;

/** The last key encoded and its SVG path, because the view re-renders every second with the countdown. */
let encoded = { key: '', path: '', size: 0 };

/** Renders `challengeKey` as an SVG QR code, dark on white in every colour scheme so that phones can read it. */
export function renderQrCode(challengeKey: string): TemplateResult {
  if (encoded.key !== challengeKey) {
    const code = generate(challengeKey);
    let path = '';
    for (let y = 0; y < code.size; y++) {
      for (let x = 0; x < code.size; x++) if (code.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
    }
    encoded = { key: challengeKey, path, size: code.size };
  }
  const { path, size } = encoded;
  const side = size + 2 * QUIET_ZONE;
  const label = msg(str`QR code of the challenge key ${challengeKey}`, { id: 'license-elements.offline.qr-label' });
  return html`<svg
    part="qr-code"
    class="qr-code"
    role="img"
    aria-label=${label}
    viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${side} ${side}"
    width="192"
    height="192"
    shape-rendering="crispEdges"
  >
    <rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${side} height=${side} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
