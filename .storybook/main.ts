import { resolve } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';

const projectRoot = resolve(import.meta.dirname, '..');

/**
 * Modules that Vite must pre-bundle as one copy each. Without them, Vite bundles Lit once inside
 * each optimized dependency that imports it, and the page logs "Multiple versions of Lit loaded".
 */
const sharedLitModules = ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', '@lit/context', '@lit/task', '@lit/localize'];

/** Imported by preview.ts. Pre-bundled up front, so Vitest does not reload the browser halfway through a run to add it. */
const previewModules = ['storybook/actions'];

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },

  /**
   * Storybook's Vite builder loads the top-level vite.config.ts, which serves the demo from demo/
   * and builds the library. The builder (10.6) already replaces `root` and keeps only `build.target`
   * from that file. Setting both here keeps Storybook on the repository root and an application
   * build even if the builder stops doing so.
   */
  viteFinal(viteConfig) {
    const include = viteConfig.optimizeDeps?.include ?? [];
    return {
      ...viteConfig,
      root: projectRoot,
      // Storybook's own preview and docs bundles are 0.9 and 1.1 MB minified (Storybook 10.6).
      // `npm run size` checks the kit's own size budget.
      build: { ...viteConfig.build, lib: false, chunkSizeWarningLimit: 1200 },
      optimizeDeps: { ...viteConfig.optimizeDeps, include: [...new Set([...include, ...sharedLitModules, ...previewModules])] },
    };
  },
};

export default config;
