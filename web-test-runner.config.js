import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.mjs';
import { summaryLineReporter } from './scripts/wtr-summary-reporter.mjs';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
      // A page of its own browser context gets its own window, so it stays visible while another
      // test file runs: in a shared window the page behind gets no animation frames, and fixtures wait for one.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  concurrency: 2,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), summaryLineReporter()],
};
