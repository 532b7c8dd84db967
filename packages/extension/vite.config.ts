import preact from '@preact/preset-vite';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The unpacked extension in dist/: three pages (popup, options, share) and the service worker
 * (`background.js`, a fixed name the manifest points at). public/ (manifest, _locales) is copied as it is.
 * Everything is bundled: an extension may run no remote code.
 */
export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  // `source` bundles @burnlink/core and @burnlink/client from their TypeScript (no prior build needed).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  base: './',
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    emptyOutDir: true,
    rollupOptions: {
      input: {
        popup: 'popup.html',
        options: 'options.html',
        share: 'share.html',
        background: 'src/background.ts',
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js',
      },
    },
  },
});
