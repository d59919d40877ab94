import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import customElementsManifest from '../custom-elements.json';
import { argTypesFromManifest, eventNamesFromManifest } from './manifest-arg-types.js';

setCustomElementsManifest(customElementsManifest);

// The kit's events bubble out of shadow roots, so one listener per name logs them all in the Actions panel.
for (const name of eventNamesFromManifest()) {
  const log = action(name);
  document.addEventListener(name, (event) => log(event instanceof CustomEvent ? event.detail : event));
}

type Theme = 'light' | 'dark';
type Direction = 'ltr' | 'rtl';

/**
 * Wraps each story in an element that carries the toolbar's theme, text direction and locale. The
 * elements inherit `color-scheme` (their colours use `light-dark()`), the nearest `dir` and the
 * nearest `lang`, which they use to format dates and numbers.
 */
const withThemeDirectionAndLocale: Decorator = (story, context) => {
  const theme = context.globals['theme'] as Theme;
  const direction = context.globals['direction'] as Direction;
  const locale = context.globals['locale'] as string;

  // On the canvas the page background follows the theme too, so a dark story is not framed in
  // white. A docs page keeps its own colours and shows each story in a themed box.
  const canvas = context.viewMode === 'story';
  document.documentElement.style.colorScheme = canvas ? theme : '';
  document.body.style.backgroundColor = canvas ? 'Canvas' : '';
  document.body.style.color = canvas ? 'CanvasText' : '';

  return html`<div
    class="story-root"
    lang=${locale}
    dir=${direction}
    style="color-scheme: ${theme}; background-color: Canvas; color: CanvasText; padding: 1rem"
  >
    ${story()}
  </div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withThemeDirectionAndLocale],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the story (sets color-scheme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction of the story (sets dir)',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Locale for dates and numbers (sets lang)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en-US', title: 'English (United States)' },
          { value: 'en-GB', title: 'English (United Kingdom)' },
          { value: 'de-DE', title: 'German (Germany)' },
          { value: 'fr-FR', title: 'French (France)' },
          { value: 'ar-EG', title: 'Arabic (Egypt)' },
          { value: 'he-IL', title: 'Hebrew (Israel)' },
          { value: 'ja-JP', title: 'Japanese (Japan)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', direction: 'ltr', locale: 'en-US' },
  parameters: {
    controls: { expanded: true },
    docs: { extractArgTypes: argTypesFromManifest },
    // Every story test fails on an axe violation, and the accessibility panel shows the same result.
    a11y: { test: 'error' },
  },
};

export default preview;
