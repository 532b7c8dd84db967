import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * Prints (and writes to dist/first-load.json) the gzipped size of the JavaScript that the first load of `/`
 * fetches: the entry chunk plus every chunk it imports statically. Lazy chunks are not counted.
 * The budget is issue #11's 45 KiB (tighter than DESIGN §8's 60 KB); the build fails above it so a regression
 * cannot land silently, and `bench/web.js` reads this same figure. It also fails when TypeBox (the wire
 * contract's runtime) would be bundled.
 */
function firstLoadBudget(limitBytes: number): Plugin {
  return {
    name: 'burnlink-first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks.set(fileName, output);
        // The wire contract is for types here (`import type` from @burnlink/wire); its runtime stays out.
        const typebox = output.moduleIds.find((id) => /[\\/]node_modules[\\/]typebox[\\/]/.test(id));
        if (typebox)
          this.error(`TypeBox is in the web bundle (${typebox}): import @burnlink/wire with import type`);
      }
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.get(fileName);
        if (!chunk || seen.has(fileName)) return;
        seen.add(fileName);
        for (const imported of chunk.imports) visit(imported);
      };
      for (const [fileName, chunk] of chunks) if (chunk.isEntry) visit(fileName);
      let gzipBytes = 0;
      let rawBytes = 0;
      for (const fileName of seen) {
        const code = chunks.get(fileName)!.code;
        rawBytes += Buffer.byteLength(code);
        gzipBytes += gzipSync(code, { level: 9 }).length;
      }
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(
        `\nburnlink web: first-load JS ${kb(gzipBytes)} gzipped (${kb(rawBytes)} raw, ${seen.size} chunk(s); budget ${kb(limitBytes)})`,
      );
      this.emitFile({
        type: 'asset',
        fileName: 'first-load.json',
        source: `${JSON.stringify({ gzipBytes, rawBytes, chunks: [...seen], budgetBytes: limitBytes })}\n`,
      });
      if (gzipBytes > limitBytes)
        this.error(`first-load JS ${kb(gzipBytes)} gzipped exceeds ${kb(limitBytes)}`);
    },
  };
}

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } }), firstLoadBudget(45 * 1024)],
  // `source` makes @burnlink/core bundle from its TypeScript sources (no prior build of core needed).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    // Modern browsers support modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
});
