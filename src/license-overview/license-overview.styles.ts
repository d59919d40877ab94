import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    table {
      width: 100%;
      border-collapse: collapse;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    table[aria-busy='true'] tbody {
      opacity: 0.7;
    }

    th,
    td {
      text-align: start;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      vertical-align: middle;
    }

    thead th {
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--_muted);
    }

    tbody th {
      font-weight: 600;
    }

    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .key-cell {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }

    .key {
      font-family: var(--_mono);
      font-size: 0.875em;
      /* Keys read left to right in every page direction; long keys wrap after a hyphen when they can. */
      direction: ltr;
      unicode-bidi: isolate;
      overflow-wrap: anywhere;
      user-select: all;
      cursor: copy;
    }

    button.copy {
      padding: 0.125rem 0.5rem;
      min-height: 1.75rem;
      font-size: 0.8125rem;
    }

    .status {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      font-weight: 600;
      white-space: nowrap;
    }

    .status-icon {
      display: inline-block;
      width: 0.625rem;
      height: 0.625rem;
      background: currentColor;
    }

    .status-active,
    .status-unlimited {
      color: var(--_success);
    }

    .status-active .status-icon,
    .status-unlimited .status-icon {
      border-radius: 50%;
    }

    .status-expiring,
    .status-over-allocated {
      color: var(--_warning);
    }

    .status-expiring .status-icon,
    .status-over-allocated .status-icon {
      clip-path: polygon(50% 0, 100% 100%, 0 100%);
    }

    .status-expired,
    .status-suspended {
      color: var(--_danger);
    }

    .error h2 {
      color: var(--_danger);
    }
  `,
];
