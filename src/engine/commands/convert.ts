/**
 * convert (convert reference, spl-semantics.md §3): each function converts the
 * named fields (wildcards allowed) in place, or into a new field with AS;
 * `timeformat=` is used by ctime and mktime (default %m/%d/%Y %H:%M:%S);
 * none(f) excludes fields from the other conversions.
 */
import type { ConvertCommand } from '../../ast/nodes.js';
import { convertFunctions, DEFAULT_CONVERT_TIMEFORMAT, isConvertRemove, type ConvertFunction } from '../../functions/convert.js';
import type { Row, Scalar, Value } from '../../values/value.js';
import { expandFieldPatterns, matchesField } from '../fieldmatch.js';
import { planFail, type PlanContext } from '../plan-error.js';
import { streaming, type Operator } from '../types.js';
import { declareOptions } from '../declared-options.js';

interface Step {
  fn: ConvertFunction;
  func: string;
  pattern: string;
  as?: string;
}

/** Converts one stored value; undefined = leave unchanged, null = remove. */
function convertValue(v: Value, step: Step, timeformat: string, tz: string): Value | undefined | null {
  if (Array.isArray(v)) {
    const out: Scalar[] = [];
    for (const x of v) {
      const r = step.fn(x, timeformat, tz);
      if (isConvertRemove(r)) continue;
      if (r === undefined) {
        if (step.func === 'auto') return undefined; // auto leaves a field untouched unless every value converts
        out.push(x);
      } else out.push(r);
    }
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  }
  const r = step.fn(v as Scalar, timeformat, tz);
  if (isConvertRemove(r)) return null;
  return r;
}

export function planConvert(node: ConvertCommand, ctx: PlanContext): Operator {
  declareOptions('convert', ['timeformat']);
  let timeformat = DEFAULT_CONVERT_TIMEFORMAT;
  for (const o of node.options) {
    if (o.name === 'timeformat') timeformat = o.value.text;
    else planFail(`unknown convert option '${o.name}'`, o.span, 'convert takes timeformat=<format>');
  }
  const excluded: string[] = [];
  const steps: Step[] = [];
  for (const c of node.conversions) {
    const func = c.func.toLowerCase();
    const fn = convertFunctions.get(func);
    if (!fn) planFail(`unknown convert function '${c.func}'`, c.span, 'convert functions: ctime, mktime, dur2sec, mstime, memk, rmcomma, rmunit, num, auto, none');
    if (func === 'none') {
      excluded.push(c.field.name);
      continue;
    }
    if (c.as && c.field.name.includes('*')) planFail('AS cannot rename a wildcard field list', c.as.span);
    steps.push({ fn, func, pattern: c.field.name, ...(c.as ? { as: c.as.name } : {}) });
  }
  const tz = ctx.tz;
  return streaming('convert', node.span, (rows) => {
    for (const row of rows) convertRow(row);
    return rows;
  });

  function convertRow(row: Row): void {
    for (const step of steps) {
      const names = step.pattern.includes('*') ? expandFieldPatterns([...row.keys()], [step.pattern]) : row.has(step.pattern) ? [step.pattern] : [];
      for (const name of names) {
        if (excluded.some((p) => matchesField(name, p))) continue;
        const r = convertValue(row.get(name)!, step, timeformat, tz);
        const target = step.as ?? name;
        if (r === undefined) {
          if (step.as) row.set(target, row.get(name)!);
        } else if (r === null) row.delete(target);
        else row.set(target, r);
      }
    }
  }
}
