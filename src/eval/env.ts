/** The evaluation environment for commands that run eval expressions. */
import type { EvalEnv } from '../functions/eval/types.js';
import { compileSearch } from '../search/predicate.js';
import { parse } from '../parser/index.js';
import type { EvalValue, Row, Value } from '../values/value.js';
import { toStr } from '../values/coerce.js';

const searchCache = new Map<string, ((row: Row) => boolean) | null>();

export function makeEnv(ctx: { now: number; tz: string }): EvalEnv {
  const env: EvalEnv = {
    row: new Map(),
    now: ctx.now,
    tz: ctx.tz,
    searchMatch(text: string): boolean {
      let test = searchCache.get(text);
      if (test === undefined) {
        const parsed = parse(text);
        const first = parsed.ast?.commands[0];
        test = first && first.type === 'search' && first.expr && parsed.ast!.commands.length === 1 ? compileSearch(first.expr, ctx) : null;
        searchCache.set(text, test);
      }
      return test ? test(env.row) : false;
    },
  };
  return env;
}

/** Stores an eval result: null removes the field; booleans become their string form. */
export function storeValue(row: Row, field: string, v: EvalValue): void {
  if (v === null) row.delete(field);
  else if (typeof v === 'boolean') row.set(field, toStr(v));
  else row.set(field, v as Value);
}
