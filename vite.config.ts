import { resolve } from 'node:path';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';

const entries = {
  index: 'src/index.ts',
  define: 'src/define.ts',
  'license-overview/define': 'src/license-overview/define.ts',
  'license-upload/define': 'src/license-upload/define.ts',
  'offline-activation/define': 'src/offline-activation/define.ts',
  'adapter/memory/index': 'src/adapter/memory/index.ts',
  'adapter/http/http-adapter': 'src/adapter/http/http-adapter.ts',
  'conformance/index': 'src/conformance/index.ts',
};

/** Runtime dependencies stay imports in the library build; the host's bundler resolves them once. */
const external = [/^lit(\/|$)/, /^@lit\//, /^@lit-labs\//, /^@noble\/hashes(\/|$)/];

// The demo is served from demo/; `vite build` builds the library into dist/.
export default defineConfig({
  root: 'demo',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  optimizeDeps: {
    include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', '@lit/context', '@lit/task', '@lit/localize'],
  },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, resolve(import.meta.dirname, path)])),
      formats: ['es'],
    },
    rolldownOptions: {
      // The published templates and styles carry no indentation or comments: hosts bundle them as they are.
      plugins: [minifyHtmlLiterals({ include: ['src/**/*.ts'] })],
      external,
      output: {
        preserveModules: true,
        preserveModulesRoot: resolve(import.meta.dirname, 'src'),
        entryFileNames: '[name].js',
      },
    },
  },
});
