import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    form {
      display: grid;
      gap: 0.5rem;
    }

    label {
      font-weight: 600;
    }

    .hint {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }

    textarea {
      font-family: var(--_mono);
      font-size: 0.875rem;
      width: 100%;
      min-height: 6rem;
      resize: vertical;
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
      /* License keys read left to right in every page direction. */
      direction: ltr;
      unicode-bidi: isolate;
    }

    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }

    .actions {
      display: flex;
      gap: 0.5rem;
    }

    .message p {
      margin: 0.25rem 0 0;
    }

    .support-list {
      margin: 0.5rem 0 0;
      padding-inline-start: 1.25rem;
    }

    .offline-step {
      display: grid;
      gap: 0.75rem;
      justify-items: start;
    }

    .offline-step offline-activation {
      justify-self: stretch;
    }
  `,
];
