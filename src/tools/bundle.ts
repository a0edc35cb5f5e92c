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
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  entryPoints: { splinter: join(root, 'src/cli/main.ts'), worker: join(root, 'src/testing/worker.ts'), 'hunt-worker': join(root, 'src/hunting/hunt-worker.ts') },
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

/**
 * The V8 settings the shipped CLI starts with, on its #! line (`env -S`
 * passes them to node). Measured on an unselective `stats count by` over
 * 50,000 generated Sysmon events (66 MB), four runs each, CPU seconds:
 * default 1.88-2.73, --max-semi-space-size=16 2.20-2.44, =32 1.57-2.27,
 * =64 2.47-2.48; peak RSS 179-192 MB default, 161-168 MB at 32, 214 MB at
 * 64. A larger young generation means fewer scavenges of the short-lived
 * per-event strings and maps; 32 MB pays in time and memory, 64 does not.
 * Started as `node dist/splinter.js`, the line is a comment: `npm run
 * bench` reads the flags from it.
 */
export const NODE_FLAGS = ['--max-semi-space-size=32'];
const out = join(root, 'dist', 'splinter.js');
const text = readFileSync(out, 'utf8');
writeFileSync(out, text.replace(/^#!.*\n/, `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}\n`), { mode: 0o755 });
