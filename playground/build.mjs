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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'dist');

/**
 * node:* → a module exporting, under each name the importing file asks for,
 * a function that throws "<module>.<name>() is not available in the
 * browser" (a stub per importer, as the names are read from its imports).
 */
const nodeStubs = {
  name: 'node-stubs',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: `${args.path}|${args.importer}`, namespace: 'node-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => {
      const [mod, importer] = args.path.split('|');
      const names = new Set();
      const source = readFileSync(importer, 'utf8');
      const imports = new RegExp(`import\\s+(?:type\\s+)?([^;]*?)\\s+from\\s+['"]${mod}['"]`, 'g');
      for (const m of source.matchAll(imports)) {
        const braces = /\{([^}]*)\}/.exec(m[1]);
        for (const part of braces ? braces[1].split(',') : []) {
          const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
          if (name) names.add(name);
        }
      }
      const fixed = mod === 'node:os' ? { hostname: "() => 'localhost'" } : {};
      const lines = [`const unavailable = (name) => function () { throw new Error(${JSON.stringify(mod)} + '.' + name + '() is not available in the browser'); };`];
      for (const n of names) lines.push(`export const ${n} = ${fixed[n] ?? `unavailable(${JSON.stringify(n)})`};`);
      lines.push(`export default new Proxy({}, { get: (_, k) => unavailable(String(k)) });`);
      return { loader: 'js', contents: lines.join('\n'), resolveDir: dirname(importer) };
    });
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
