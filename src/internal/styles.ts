import { css } from 'lit';

/**
 * Theme tokens and base rules shared by every element. Each token is a CSS custom property the host
 * may set; the defaults follow the page's `color-scheme` through `light-dark()`, so a page in dark
 * mode gets the dark palette without extra work.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--license-font-family, system-ui, sans-serif);
    font-size: var(--license-font-size, 0.9375rem);
    line-height: 1.5;
    color: var(--license-color-text, light-dark(#1b1f24, #e6e8eb));
    --_surface: var(--license-color-surface, light-dark(#ffffff, #16191d));
    --_muted: var(--license-color-text-muted, light-dark(#57606a, #a3acb7));
    --_border: var(--license-color-border, light-dark(#c9d1d9, #3d444d));
    --_accent: var(--license-color-accent, light-dark(#0b5cad, #6cb6ff));
    --_on-accent: var(--license-color-on-accent, light-dark(#ffffff, #0d1117));
    --_danger: var(--license-color-danger, light-dark(#b3261e, #ff8a80));
    --_success: var(--license-color-success, light-dark(#1a7f37, #5fd47a));
    --_warning: var(--license-color-warning, light-dark(#8a5a00, #e3b341));
    --_radius: var(--license-radius, 6px);
    --_mono: var(--license-font-family-mono, ui-monospace, 'Cascadia Mono', 'Segoe UI Mono', Menlo, monospace);
    --_focus: var(--license-focus-ring, 2px solid light-dark(#0b5cad, #6cb6ff));
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  a {
    color: var(--_accent);
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: inherit;
    padding: 0.375rem 0.875rem;
    min-height: 2.25rem;
  }

  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }

  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  .notice {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .notice h2,
  .notice h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }

  .notice p {
    margin: 0 0 0.5rem;
  }

  .notice p:last-child {
    margin-bottom: 0;
  }

  .error-text {
    color: var(--_danger);
  }

  .success-text {
    color: var(--_success);
  }

  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    vertical-align: -0.125em;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
`;
