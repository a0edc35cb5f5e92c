/**
 * `run --stages [n]`: what each stage of the search did to the rows. After
 * the results, standard error gets one line per stage (the command as it
 * runs, after macro expansion, and how many rows it handed on) followed by
 * its first n rows, so that stdout stays the results alone.
 *
 * Each row shown lists first the fields its stage makes or changes (read
 * from the command, src/explain/fields.ts), then the others, cut to the
 * terminal's width. A search or where that removed rows and tests several
 * conditions joined by AND says which condition the most rows it saw
 * failed: each condition is tested on every row the stage receives (only
 * under --stages).
 */
import type * as A from '../ast/nodes.js';
import { makeEnv } from '../eval/env.js';
import { tryCompile } from '../eval/compile.js';
import { printExpr, printSearch } from '../ast/print.js';
import { commandFields } from '../explain/fields.js';
import type { Plan } from '../plan/plan.js';
import { compileSearch, subsearchesOf, type RowPredicate } from '../search/predicate.js';
import type { Row } from '../values/value.js';
import { rowObject } from './output.js';

const TEXT_WIDTH = 100;
const ROW_WIDTH = 160;

/** The conditions of a search or where joined by AND, each testable alone, and how many rows failed each. */
interface Conditions {
  readonly labels: string[];
  readonly tests: RowPredicate[];
  readonly failed: number[];
}

export interface StageContext {
  readonly now: number;
  readonly tz: string;
  /** the parsed (expanded) search the plan was made from */
  readonly ast?: A.Pipeline;
  /** the width rows are cut to (the terminal's); default 160 */
  readonly width?: number;
}

export class StageReport {
  private readonly counts: number[];
  private readonly samples: Row[][];
  /** per operator: the fields it makes, shown first */
  private readonly makes: (readonly string[])[];
  /** per operator: its AND-ed conditions, when it is a search or where with several */
  private readonly conditions: (Conditions | undefined)[];

  constructor(
    private readonly plan: Plan,
    /** the expanded search text the operators' spans point into */
    private readonly text: string,
    private readonly limit: number,
    private readonly ctx: StageContext = { now: 0, tz: 'UTC' },
  ) {
    this.counts = new Array(plan.operators.length + 1).fill(0);
    this.samples = this.counts.map(() => []);
    const commands = ctx.ast?.commands ?? [];
    this.makes = plan.operators.map((op, i) => {
      const c = commands.find((x) => x.span.start === op.span.start && x.span.end === op.span.end);
      return c ? commandFields(c, op, text, i === 0).makes : [];
    });
    this.conditions = plan.operators.map((op) => {
      const c = commands.find((x) => x.span.start === op.span.start && x.span.end === op.span.end);
      return c ? conditionsOf(c, ctx) : undefined;
    });
  }

  /** For RunOptions.observe: counts rows and copies the first few of each stage. */
  readonly observe = (stage: number, rows: readonly Row[]): void => {
    this.counts[stage] += rows.length;
    const kept = this.samples[stage];
    for (let i = 0; i < rows.length && kept.length < this.limit; i++) kept.push(new Map(rows[i]));
    // these rows are the input of operator `stage` (0-based): test each of its conditions alone
    const cond = this.conditions[stage];
    if (cond) for (const row of rows) for (let j = 0; j < cond.tests.length; j++) if (!cond.tests[j](row)) cond.failed[j]++;
  };

  render(tz: string, eventsRead: number): string {
    const lines: string[] = ['stages:'];
    // events carry every extracted field: until the first command that is not streaming, show the ones the search uses
    const firstBlocking = this.plan.operators.findIndex((op) => op.kind !== 'streaming');
    const eventStages = firstBlocking < 0 ? this.plan.operators.length : firstBlocking;
    const width = Math.max(40, (this.ctx.width ?? ROW_WIDTH) - 6);
    const show = (stage: number) => {
      const only = this.plan.readsEvents && stage <= eventStages ? this.plan.fields : undefined;
      const first = stage > 0 ? this.makes[stage - 1] : [];
      for (const r of this.samples[stage]) lines.push(`      ${sample(r, tz, only, first, width)}`);
      if (this.counts[stage] > this.samples[stage].length && this.samples[stage].length > 0) lines.push(`      … ${this.counts[stage] - this.samples[stage].length} more`);
    };
    if (this.plan.readsEvents) {
      lines.push(`  0 events: ${plural(eventsRead, 'event')} read, ${plural(this.counts[0], 'event')} handed to the first command (the others failed its tests early, on the raw text or on raw fields)`);
      const f = this.plan.fields;
      lines.push(
        f
          ? `    the search can use only ${plural(f.size, 'field')} (${[...f].sort().join(', ')}): the add-ons' calculated fields and lookups that give none of them are skipped`
          : "    every field is computed: a command may read any field (a wildcard, a whole-row function, or a command that does not name its fields)",
      );
      show(0);
    }
    this.plan.operators.forEach((op, i) => {
      const written = op.name === 'timeorder' ? "(splinter puts events newest first, Splunk's order, because a later command depends on it)" : clip(this.text.slice(op.span.start, op.span.end).replace(/\s+/g, ' ').trim(), TEXT_WIDTH);
      lines.push(`  ${i + 1} ${op.name}: ${plural(this.counts[i + 1], 'row')} out  ← ${written}`);
      const removed = this.counts[i] - this.counts[i + 1];
      const cond = this.conditions[i];
      if (op.kind === 'streaming' && removed > 0 && cond) {
        const j = cond.failed.indexOf(Math.max(...cond.failed));
        lines.push(`    removed ${plural(removed, 'row')} of ${this.counts[i]}; the condition most rows failed: ${clip(cond.labels[j], TEXT_WIDTH)} (${cond.failed[j]} of ${this.counts[i]})`);
      } else if (op.kind === 'streaming' && removed > 0) lines.push(`    removed ${plural(removed, 'row')} of ${this.counts[i]}`);
      show(i + 1);
    });
    return lines.join('\n');
  }
}

/**
 * A row as one line of JSON, without _raw and the other internal fields but _time (and only `only`'s fields,
 * when given): the fields in `first` (what the stage made) come first.
 */
function sample(row: Row, tz: string, only: ReadonlySet<string> | undefined, first: readonly string[], width: number): string {
  const o = rowObject(row, tz);
  for (const k of Object.keys(o)) if ((k.startsWith('_') && k !== '_time') || (only && k !== '_time' && !only.has(k))) delete o[k];
  const made = new Set(first);
  // a stage that made every field (stats) keeps its own column order
  if (Object.keys(o).every((k) => made.has(k) || k === '_time')) return clip(JSON.stringify(o), width);
  const ordered = Object.create(null) as Record<string, unknown>;
  for (const k of first) if (k in o) ordered[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in ordered)) ordered[k] = o[k];
  return clip(JSON.stringify(ordered), width);
}

/** A search's or where's conditions joined by AND (two or more), each compiled alone; undefined otherwise. */
function conditionsOf(c: A.Command, ctx: StageContext): Conditions | undefined {
  try {
    if (c.type === 'search' && c.expr?.type === 'and' && c.expr.items.length > 1 && subsearchesOf(c.expr).length === 0) {
      const items = c.expr.items;
      return { labels: items.map((x) => printSearch(x)), tests: items.map((x) => compileSearch(x, ctx)), failed: items.map(() => 0) };
    }
    if (c.type === 'where' && c.expr.type === 'binary' && c.expr.ops.every((o) => o === 'AND')) {
      const env = makeEnv(ctx);
      const items = c.expr.operands;
      const tests = items.map((x) => {
        const { compiled } = tryCompile(x);
        if (!compiled) throw new Error('not compiled alone');
        return (row: Row) => {
          env.row = row;
          return compiled(env) === true;
        };
      });
      return { labels: items.map((x) => printExpr(x)), tests, failed: items.map(() => 0) };
    }
  } catch {
    // a condition that cannot be tested alone (a lookup, a subsearch): no breakdown
  }
  return undefined;
}

function clip(s: string, width: number): string {
  return s.length > width ? s.slice(0, width - 1) + '…' : s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
