/**
 * Bundles the CLI into one file, dist/splinter.js (the package's `bin`), and
 * `splinter test --jobs`'s worker beside it, dist/worker.js, with esbuild.
 *
 * Why: started from the modules, `splinter run '| makeresults'` opens about
 * a thousand files (lodash-es through chevrotain, and our own) and takes
 * 0.85 s against 0.10 s for `node -e 0`; the minified bundle starts in about
 * a third of that. The modules in dist/ stay (the tests and the library API
 * use them). The bundle defines SPLINTER_BUNDLED, which skips Chevrotain's
 * checks of the grammar at start (src/parser/parser.ts): the tests run them.
 *
 *   node dist/tools/bundle.js        (npm run build does it)
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  entryPoints: { splinter: join(root, 'src/cli/main.ts'), worker: join(root, 'src/testing/worker.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define: { SPLINTER_BUNDLED: 'true' },
  // CommonJS dependencies (commander) call require(): give the ES module one
  banner: { js: "import { createRequire as __splinterRequire } from 'node:module'; const require = __splinterRequire(import.meta.url);" },
  logLevel: 'warning',
});
