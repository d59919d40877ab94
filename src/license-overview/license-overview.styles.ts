import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2rem;
      margin: 0 0 0.75rem;
    }

    .summary dt {
      font-size: 0.8125rem;
      color: var(--_muted);
    }

    /* Counts such as "212 of 250" take their direction from their own text, so English text in a right-to-left page keeps its order. */
    .summary dd,
    .seats-text {
      unicode-bidi: plaintext;
    }

    .summary dd {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }

    .summary .attention dd {
      color: var(--_warning);
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5rem 1rem;
      margin-bottom: 0.75rem;
    }

    .filters .field {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      font-size: 0.8125rem;
      color: var(--_muted);
    }

    input,
    select {
      font: inherit;
      color: var(--license-color-text, inherit);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.375rem 0.5rem;
      min-height: 2.25rem;
    }

    .match-count {
      color: var(--_muted);
      padding-block-end: 0.5rem;
    }

    .scroller {
      overflow-x: auto;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .scroller.virtual {
      max-height: var(--license-overview-max-height, 70vh);
      overflow-y: auto;
    }

    [role='table'] {
      min-width: 44rem;
    }

    [role='table'][aria-busy='true'] .body {
      opacity: 0.7;
    }

    /* Every row shares one grid template, so the cells of header and body line up. */
    .row {
      display: grid;
      grid-template-columns: minmax(7rem, 1.2fr) minmax(9rem, 1.5fr) minmax(7rem, 1fr) minmax(6rem, 0.8fr) minmax(7rem, 1fr) minmax(7rem, 0.9fr);
      inline-size: 100%;
      border-bottom: 1px solid var(--_border);
    }

    .row > * {
      padding: 0.5rem 0.75rem;
      min-width: 0;
    }

    .head {
      position: sticky;
      top: 0;
      z-index: 1;
      background: var(--_surface);
    }

    [role='columnheader'] {
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--_muted);
      text-align: start;
    }

    button.sort {
      border: 0;
      background: none;
      padding: 0.125rem 0.25rem;
      margin-inline-start: -0.25rem;
      min-height: 1.75rem;
      font-weight: inherit;
      color: inherit;
    }

    button.sort::after {
      content: '↕' / '';
      margin-inline-start: 0.25rem;
      opacity: 0.5;
    }

    [aria-sort='ascending'] button.sort::after {
      content: '▲' / '';
      opacity: 1;
    }

    [aria-sort='descending'] button.sort::after {
      content: '▼' / '';
      opacity: 1;
    }

    .product {
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .key-cell {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }

    .key {
      font-family: var(--_mono);
      font-size: 0.875em;
      /* Keys read left to right in every page direction; line breaks of a whole multi-line key stay. */
      direction: ltr;
      unicode-bidi: isolate;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      user-select: all;
      cursor: copy;
      min-width: 0;
    }

    button.copy {
      padding: 0.125rem 0.5rem;
      min-height: 1.75rem;
      font-size: 0.8125rem;
    }

    .excess {
      color: var(--_warning);
      font-weight: 600;
    }

    .meter {
      display: block;
      block-size: 0.375rem;
      margin-block-start: 0.25rem;
      border-radius: 999px;
      background: color-mix(in srgb, var(--_border) 60%, transparent);
      overflow: hidden;
    }

    .meter-fill {
      display: block;
      block-size: 100%;
      background: var(--_accent);
    }

    /* Stripes as well as colour mark an over-allocated meter. */
    .meter-over .meter-fill {
      background: repeating-linear-gradient(135deg, var(--_warning) 0 4px, transparent 4px 7px), var(--_warning);
      background-blend-mode: normal;
    }

    .relative {
      display: block;
      font-size: 0.8125rem;
      color: var(--_muted);
    }

    .badge {
      display: inline-block;
      margin-block-start: 0.125rem;
      padding: 0 0.375rem;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--_accent);
    }

    /* A bar at the start edge marks a renewed row; the "Updated" badge says it in words. */
    .row.updated {
      box-shadow: inset 0.25rem 0 0 var(--_accent);
    }

    :host(:dir(rtl)) .row.updated {
      box-shadow: inset -0.25rem 0 0 var(--_accent);
    }

    .status {
      display: inline-flex;
      align-items: baseline;
      gap: 0.375rem;
      font-weight: 600;
    }

    .status-icon {
      display: inline-block;
      flex: none;
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
