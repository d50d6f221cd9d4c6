// The back-office console (docs/console.md): built by `npm run build` into dist/console, which
// the service serves under /console. Preact through the automatic JSX runtime; no CDN, no fonts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be an extra inline-free chunk for browsers older than the ones we serve.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
});
