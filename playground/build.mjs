/**
 * Builds the playground into playground/dist/: the page's script bundled by
 * esbuild (one well-kept tool, no configuration file, fast) and the samples
 * as JSON, made from the fixtures by src/playground/samples.ts (bundled for
 * Node on the way, so the CLI's dist/ holds no playground code). Node's
 * modules are not in a browser: each `node:` import is replaced by a stub whose functions throw "not
 * available in the browser" when called (iplocation's database, md5() and
 * the like), except os.hostname, the default host of events, which reads
 * "localhost" here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'dist');

/** node:* → a module whose every export throws when used (esbuild reads CommonJS exports as property reads). */
const nodeStubs = {
  name: 'node-stubs',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      loader: 'js',
      contents: `
        const name = ${JSON.stringify(args.path)};
        const fixed = ${args.path === 'node:os' ? "{ hostname: () => 'localhost' }" : '{}'};
        const unavailable = (what) => { throw new Error(name + ' (' + what + ') is not available in the browser'); };
        module.exports = new Proxy(fixed, {
          get(target, key) {
            if (key in target) return target[key];
            if (key === '__esModule' || typeof key === 'symbol') return undefined;
            return new Proxy(function () {}, { apply: () => unavailable(String(key)), construct: () => unavailable(String(key)), get: (_, k) => (k === Symbol.toPrimitive ? undefined : () => unavailable(String(key) + '.' + String(k))) });
          },
        });`,
    }));
  },
};

export async function build({ quiet = false } = {}) {
  mkdirSync(out, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(here, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    metafile: true,
    outfile: join(out, 'main.js'),
    plugins: [nodeStubs],
    logLevel: quiet ? 'error' : 'warning',
  });
  // the samples, made by src/playground/samples.ts, bundled for Node here so the CLI's dist need not hold it
  const samplesScript = join(out, 'samples.build.mjs');
  await esbuild.build({ entryPoints: [join(root, 'src/playground/samples.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: samplesScript, logLevel: 'error' });
  const { bundledSamples } = await import(`${samplesScript}?${Date.now()}`);
  writeFileSync(join(out, 'samples.json'), JSON.stringify(bundledSamples(root)));
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('main.js'))].bytes;
  if (!quiet) console.log(`playground: dist/main.js ${(bytes / 1024).toFixed(0)} KB (minified)`);
  return { bytes, metafile: result.metafile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
