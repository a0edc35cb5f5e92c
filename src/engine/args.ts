/**
 * Reading the arguments of a generic command node (commands without a
 * grammar of their own): options `name=value` (names matched without regard
 * to case), positional values, `BY` fields, subsearches. Every problem is a
 * PlanError with the argument's span.
 */
import type { FieldName, GenericArg, GenericCommand, Pipeline, SearchValue } from '../ast/nodes.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { declareOptions } from './declared-options.js';
import { planFail } from './plan-error.js';
import { optionsHint } from '../diagnostics/suggest.js';

export type OptionArg = Extract<GenericArg, { kind: 'option' }>;

/**
 * An option Splunk documents that splinter does not support: why not, and
 * what to do instead. `accepts` names the values that are supported after
 * all (say, the documented default, which changes nothing).
 */
export interface Unsupported {
  readonly why: string;
  readonly hint: string;
  readonly accepts?: (text: string) => boolean;
}

export class Args {
  readonly options = new Map<string, OptionArg>();
  /** the arguments that are not options, in order (values, operators, groups, subsearches, by) */
  readonly rest: GenericArg[] = [];
  /** options declared with unsupported(): allowOnly knows them */
  private readonly refused = new Set<string>();

  constructor(readonly node: GenericCommand) {
    for (const a of node.args) {
      if (a.kind === 'option') {
        const key = a.name.toLowerCase();
        if (this.options.has(key)) planFail(`option '${a.name}' is given twice`, a.span);
        this.options.set(key, a);
      } else this.rest.push(a);
    }
  }

  get name(): string {
    return this.node.name;
  }

  /** Fails on any option not in `known` (nor declared with unsupported()). */
  allowOnly(...known: string[]): this {
    declareOptions(this.name, known);
    for (const [key, o] of this.options) {
      if (!known.includes(key) && !this.refused.has(key)) planFail(`unknown ${this.name} option '${o.name}'`, o.span, known.length ? optionsHint(key, known, `${this.name} options: ${known.join(', ')}`) : `${this.name} takes no options`);
    }
    return this;
  }

  /**
   * Options of Splunk's that splinter refuses rather than ignore: one given
   * (with a value its `accepts` does not take) fails with "<command> option
   * '<name>' is not supported by splinter: <why>" and the hint, at its span.
   * Call before allowOnly, which then knows these options.
   */
  unsupported(options: Readonly<Record<string, Unsupported>>): this {
    for (const [name, u] of Object.entries(options)) {
      const key = name.toLowerCase();
      this.refused.add(key);
      const o = this.options.get(key);
      if (o && !u.accepts?.(o.value.text)) planFail(`${this.name} option '${o.name}' is not supported by splinter: ${u.why}`, o.span, u.hint);
    }
    return this;
  }

  option(name: string): SearchValue | undefined {
    return this.options.get(name.toLowerCase())?.value;
  }

  string(name: string, fallback?: string): string | undefined {
    return this.option(name)?.text ?? fallback;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.option(name);
    if (!v) return fallback;
    const b = boolText(v.text);
    if (b !== undefined) return b;
    planFail(`${this.name} option ${name} must be true or false, not '${v.text}'`, v.span);
  }

  int(name: string, fallback?: number, min = 0): number | undefined {
    const v = this.option(name);
    if (!v) return fallback;
    if (!/^-?\d+$/.test(v.text) || Number(v.text) < min) planFail(`${this.name} option ${name} must be a whole number${min === 0 ? ' ≥ 0' : ` ≥ ${min}`}, not '${v.text}'`, v.span);
    return Number(v.text);
  }

  /** Positional values (words and quoted strings), in order. */
  values(): SearchValue[] {
    return this.rest.filter((a): a is Extract<GenericArg, { kind: 'value' }> => a.kind === 'value').map((a) => a.value);
  }

  /** Positional values as field names (wildcards kept). */
  fields(): FieldName[] {
    return this.values().map((v) => ({ span: v.span, name: v.text, quoted: v.quoted }));
  }

  /** The BY fields, if any. */
  by(): FieldName[] {
    const by = this.rest.find((a): a is Extract<GenericArg, { kind: 'by' }> => a.kind === 'by');
    return by ? [...by.fields] : [];
  }

  subsearches(): Pipeline[] {
    return this.rest.filter((a): a is Extract<GenericArg, { kind: 'subsearch' }> => a.kind === 'subsearch').map((a) => a.pipeline);
  }

  /** Fails when an argument of a kind the command does not take is present. */
  only(kinds: GenericArg['kind'][], what: string): this {
    for (const a of this.rest) if (!kinds.includes(a.kind)) planFail(`unexpected ${describe(a)} in ${this.name}`, a.span, what);
    return this;
  }

  fail(message: string, span: Span = this.node.span, hint?: string): never {
    planFail(message, span, hint);
  }
}

/** A boolean option's value as Splunk reads it (true/t/1/yes/y, false/f/0/no/n); undefined for anything else. */
export function boolText(text: string): boolean | undefined {
  if (/^(true|t|1|yes|y)$/i.test(text)) return true;
  if (/^(false|f|0|no|n)$/i.test(text)) return false;
  return undefined;
}

function describe(a: GenericArg): string {
  switch (a.kind) {
    case 'value':
      return `'${a.value.text}'`;
    case 'operator':
      return `'${a.text}'`;
    case 'group':
      return 'parenthesised group';
    case 'subsearch':
      return 'subsearch';
    case 'macro':
      return 'macro call';
    case 'by':
      return 'BY clause';
    case 'option':
      return `option '${a.name}'`;
  }
}
