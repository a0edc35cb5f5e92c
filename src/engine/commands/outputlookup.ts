/**
 * outputlookup: writes the results to a lookup table file and passes them on.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/outputlookup
 *
 * `outputlookup [append=<bool>] [create_empty=<bool>] [override_if_empty=<bool>] [max=<int>] <name>`
 *
 * splinter writes only into the folder the user names (--outputlookup-dir):
 * the file is `<folder>/<file name>` (the definition's file name, or the
 * name given, with .csv added when it has no extension); without that
 * option nothing is written and a notice says so. Lookup folders given with
 * --lookups are never written to.
 * - Columns are the results' fields in order of first appearance, internal
 *   fields (`_raw`, `_cd`...) left out except `_time`; a multivalue is
 *   written as its values joined by newlines.
 * - append=true adds the rows after those already in the file (columns
 *   merged); otherwise the file is replaced. No results: the file is left
 *   replaced by an empty one (override_if_empty=false keeps it) and a
 *   missing file is created empty (create_empty=false creates none); both
 *   default true. max= writes at most that many rows.
 * - createinapp= and create_context= say which Splunk folder (app, user,
 *   system) the file is created in: [decision] accepted, and the file goes
 *   to --outputlookup-dir all the same. key_field= (KV store collections)
 *   and output_format=splunk_mv_csv are refused (Args.unsupported), as
 *   https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/outputlookup
 *   describes them: key_field serves KV store-based lookups, naming the field
 *   whose value keys the row to replace; splunk_mv_csv is the format for
 *   writing multivalue fields so that inputlookup reads them back as such.
 * - [decision] The file is never written (or read, for append) through a
 *   symbolic link: a link at `<folder>/<file name>` could point anywhere
 *   outside the folder, so it is refused with an error. The new content is
 *   written to a temporary file in the folder and renamed over the old one,
 *   so a hard link to a file elsewhere is replaced, not written through, and
 *   a link swapped in meanwhile is replaced rather than followed.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GenericCommand } from '../../ast/nodes.js';
import { parseLookupCsv, toCsv } from '../../lookups/csv.js';
import { toStr } from '../../values/coerce.js';
import { valuesOf } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { collect, batches, type Operator, type RowStream, type RunContext } from '../types.js';
import { SplError } from '../../diagnostics/diagnostic.js';

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function planOutputlookup(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node)
    .unsupported({
      key_field: {
        why: 'it names the key of the rows of a KV store collection, and a KV store collection needs a Splunk server',
        hint: 'remove it: splinter writes the results to a CSV file in --outputlookup-dir',
      },
      output_format: {
        why: 'splinter writes splunk_sv_csv only (a multivalue as its values joined by newlines), not the multivalue encoding of splunk_mv_csv',
        hint: 'remove it, or give output_format=splunk_sv_csv',
        accepts: (text) => text.toLowerCase() === 'splunk_sv_csv',
      },
    })
    .allowOnly('append', 'create_empty', 'override_if_empty', 'max', 'createinapp', 'create_context')
    .only(['value'], 'outputlookup <name>');
  // [decision] createinapp= and create_context= only choose the Splunk folder the file goes to (app,
  // user or system lookups); splinter writes into --outputlookup-dir whatever they say
  args.bool('createinapp', true);
  const context = args.option('create_context');
  if (context && !/^(app|user|system)$/i.test(context.text)) planFail(`outputlookup create_context must be app, user or system, not '${context.text}'`, context.span);
  const vals = args.values();
  if (vals.length !== 1) planFail('outputlookup needs one lookup name', vals[1]?.span ?? node.span, 'for example: | outputlookup seen_users.csv');
  const name = vals[0].text;
  const append = args.bool('append', false);
  const overrideIfEmpty = args.bool('override_if_empty', true);
  const createEmpty = args.bool('create_empty', true);
  const max = args.int('max', undefined, 0);
  const def = ctx.lookups?.get(name);
  if (def?.script) planFail(`outputlookup cannot write '${name}': it is a scripted lookup, with no table`, vals[0].span, `its script (${def.script.file}) computes its rows; write to a file name instead, e.g. outputlookup ${name}.csv`);
  const fileName = basename(def?.file ?? (/\.[a-z0-9]+$/i.test(name) ? name : `${name}.csv`));
  if (/[\\/]/.test(name) || name === '..' || fileName.startsWith('.')) planFail(`outputlookup takes a lookup name or a file name, not a path: '${name}'`, vals[0].span);
  const outDir = ctx.lookups?.outputDir;
  return {
    name: 'outputlookup',
    span: node.span,
    kind: 'blocking',
    async *run(input: RowStream, rctx: RunContext) {
      const rows = await collect(input);
      if (!outDir) {
        rctx.notify({ stage: 'runtime', severity: 'notice', message: `outputlookup ${name}: not written (pass --outputlookup-dir <folder> to write lookup files)`, span: vals[0].span });
      } else {
        const written = max === undefined ? rows : rows.slice(0, max);
        const path = join(outDir, fileName);
        if (isLink(path)) {
          throw new SplError({
            stage: 'runtime',
            message: `outputlookup refuses to write ${path}: it is a symbolic link, which may point outside the --outputlookup-dir folder`,
            span: vals[0].span,
            hint: 'remove the link, or write under another name',
          });
        }
        // no results: an existing file is emptied unless override_if_empty=false; a missing one is created
        // empty unless create_empty=false
        if (written.length > 0 || (existsSync(path) ? overrideIfEmpty : createEmpty)) {
          const columns: string[] = [];
          const seen = new Set<string>();
          let prior: string[][] = [];
          if (append && existsSync(path)) {
            const t = parseLookupCsv(readFileSync(path, 'utf8'), path);
            if (t.diagnostic) throw new SplError({ ...t.diagnostic, stage: 'runtime' });
            for (const c of t.table!.columns) if (!seen.has(c)) (seen.add(c), columns.push(c));
            prior = t.table!.rows.map((r) => [...r]);
          }
          for (const r of written) for (const k of r.keys()) if (!seen.has(k) && (k === '_time' || !k.startsWith('_'))) (seen.add(k), columns.push(k));
          const cells = written.map((r) => columns.map((c) => valuesOf(r.get(c)).map(toStr).join('\n')));
          const priorCols = prior.length ? columns.length : 0;
          const priorRows = prior.map((r) => columns.map((_, i) => (i < r.length && i < priorCols ? r[i] : '')));
          const tmp = join(outDir, `.${fileName}.${process.pid}.tmp`);
          try {
            mkdirSync(outDir, { recursive: true });
            // 'wx': fails rather than follow anything already at the temporary name
            // no columns at all (no results, nothing appended to): a 0-length file, as create_empty documents
            writeFileSync(tmp, columns.length ? toCsv(columns, [...priorRows, ...cells]) : '', { flag: 'wx' });
            renameSync(tmp, path);
          } catch (e) {
            rmSync(tmp, { force: true });
            throw new SplError({ stage: 'runtime', message: `outputlookup cannot write ${path}: ${(e as Error).message}`, span: vals[0].span });
          }
        }
      }
      yield* batches(rows);
    },
  };
}
