import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    section {
      display: grid;
      gap: 0.5rem;
    }

    h2 {
      margin: 0;
      font-size: 1.125rem;
    }

    h3 {
      margin: 0.5rem 0 0;
      font-size: 0.875rem;
      color: var(--_muted);
    }

    p {
      margin: 0;
    }

    .challenge {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      font-family: var(--_mono);
      font-size: 1.375rem;
      letter-spacing: 0.08em;
      direction: ltr;
      unicode-bidi: isolate;
    }

    .group {
      padding: 0.125rem 0.375rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    .time-left {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }

    .time-left.short {
      color: var(--_warning);
    }

    .support-list {
      margin: 0;
      padding-inline-start: 1.25rem;
    }

    form {
      display: grid;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }

    label {
      font-weight: 600;
    }

    input {
      font: inherit;
      font-family: var(--_mono);
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
      width: 100%;
      max-width: 32rem;
      direction: ltr;
    }

    input[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }

    .actions {
      display: flex;
      gap: 0.5rem;
    }

    #message p {
      margin: 0.25rem 0 0;
    }
  `,
];
