/**
 * foreach: runs a templated sub-pipeline once for each field that matches a
 * wildcard field list (foreach reference, mode=multifield, the default;
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/foreach):
 *
 *   foreach [mode=multifield] <wildcard-field-list> [fieldstr=<string>] [matchstr=<string>] [matchseg1=<string>] [matchseg2=<string>] [matchseg3=<string>] [<subsearch>]
 *
 * In the sub-pipeline's text, `<<FIELD>>` becomes the field's name,
 * `<<MATCHSTR>>` the part of the name the wildcards matched, and
 * `<<MATCHSEG1>>`, `<<MATCHSEG2>>`, `<<MATCHSEG3>>` the part each wildcard
 * matched; the option names set other tokens. The substitution is textual,
 * so `'<<FIELD>>'` in an eval names a field with any characters.
 *
 * Decisions where the page is silent: the matched fields are those of all
 * the results (in the order they first appear), internal fields (a leading
 * `_`) only when the pattern starts with `_`; the sub-pipeline may hold
 * streaming commands only (eval, where, search, rex...), and each field's
 * sub-pipeline runs over all the results before the next field's.
 * mode=multivalue, json_array and auto_collections are not implemented.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { SplError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { parse } from '../../parser/index.js';
import type { Row } from '../../values/value.js';
import { Args } from '../args.js';
import { fieldPattern } from '../fieldmatch.js';
import { PlanError, planFail, type PlanContext } from '../plan-error.js';
import { batches, collect, type Operator, type RowStream, type RunContext } from '../types.js';
import { planOverInput, runOver } from './appendpipe.js';

interface Tokens {
  field: string;
  matchstr: string;
  segs: string[];
}

export function planForeach(node: GenericCommand, ctx: PlanContext): Operator {
  const args = new Args(node).allowOnly('mode', 'fieldstr', 'matchstr', 'matchseg1', 'matchseg2', 'matchseg3');
  const modeArg = args.option('mode');
  if (modeArg && modeArg.text.toLowerCase() !== 'multifield') {
    planFail(`foreach mode=${modeArg.text} is not supported yet`, modeArg.span, 'splinter runs foreach over a wildcard field list (mode=multifield)');
  }
  args.only(['value', 'subsearch', 'operator'], 'foreach <field pattern>... [eval ... <<FIELD>> ...]');
  const patterns = args.fields().map((f) => f.name);
  if (patterns.length === 0) planFail('foreach needs at least one field or field pattern', node.nameSpan, 'e.g. foreach count_* [eval <<FIELD>>=<<FIELD>>*2]');
  const subs = args.subsearches();
  if (subs.length !== 1) planFail('foreach needs one templated sub-pipeline in brackets: foreach x* [eval <<FIELD>>=...]', node.span);
  const tokens: Tokens = {
    field: args.string('fieldstr', '<<FIELD>>')!,
    matchstr: args.string('matchstr', '<<MATCHSTR>>')!,
    segs: [args.string('matchseg1', '<<MATCHSEG1>>')!, args.string('matchseg2', '<<MATCHSEG2>>')!, args.string('matchseg3', '<<MATCHSEG3>>')!],
  };
  const body = subs[0];
  const start = body.span.start;
  const template = ctx.text.slice(start, body.span.end);

  /** The template with the tokens replaced, parsed and planned; spans are shifted into the search text. */
  const instantiate = (values: Tokens): readonly Operator[] => {
    let text = template;
    const pairs: [string, string][] = [
      [tokens.field, values.field],
      [tokens.matchstr, values.matchstr],
      ...tokens.segs.map((t, i): [string, string] => [t, values.segs[i] ?? '']),
    ];
    for (const [token, value] of pairs) if (token) text = text.split(token).join(value);
    // padding keeps the offsets of the search text, so that diagnostics point into it; the
    // leading pipe makes the first word a command name, as inside the brackets
    const lead = text.trimStart().startsWith('|') ? ' ' : '|';
    const parsed = parse(' '.repeat(start - 1) + lead + text);
    if (!parsed.ast) throw new PlanError(parsed.diagnostics[0]);
    const ops = planOverInput(parsed.ast, ctx);
    for (const op of ops) {
      if (op.kind !== 'streaming') planFail(`'${op.name}' cannot run inside foreach: only streaming commands such as eval can`, op.span);
    }
    return ops;
  };
  // checked now with placeholders as long as the tokens, so that positions match the search text
  const same = (t: string) => 'x'.repeat(Math.max(1, t.length));
  instantiate({ field: same(tokens.field), matchstr: same(tokens.matchstr), segs: tokens.segs.map(same) });

  const res = patterns.map((p) => ({ pattern: p, re: fieldPattern(p), internal: p.startsWith('_') }));
  const cache = new Map<string, readonly Operator[]>();
  return {
    name: 'foreach',
    span: node.span,
    kind: 'streaming',
    async *run(input: RowStream, rctx: RunContext) {
      let rows = await collect(input);
      const matched = new Map<string, Tokens>();
      for (const row of rows) {
        for (const name of row.keys()) {
          if (matched.has(name)) continue;
          for (const { re, internal } of res) {
            if (!internal && name.startsWith('_')) continue;
            const m = re.exec(name);
            if (!m) continue;
            const segs = m.slice(1);
            matched.set(name, { field: name, matchstr: segs.join(''), segs });
            break;
          }
        }
      }
      for (const [name, values] of matched) {
        let ops = cache.get(name);
        if (!ops) {
          try {
            ops = instantiate(values);
          } catch (e) {
            if (e instanceof PlanError) throw new SplError(runtime(e.diagnostic, name));
            throw e;
          }
          cache.set(name, ops);
        }
        rows = await collect(runOver(ops, rows, rctx));
      }
      yield* batches(rows);
    },
  };
}

function runtime(d: Diagnostic, field: string): Diagnostic {
  return { ...d, stage: 'runtime', message: `foreach, for field '${field}': ${d.message}` };
}
