/**
 * `run --stages [n]`: what each stage of the search did to the rows. After
 * the results, standard error gets one line per stage (the command as it
 * runs, after macro expansion, and how many rows it handed on) followed by
 * its first n rows, so that stdout stays the results alone.
 */
import type { Plan } from '../plan/plan.js';
import type { Row } from '../values/value.js';
import { rowObject } from './output.js';

const TEXT_WIDTH = 100;
const ROW_WIDTH = 160;

export class StageReport {
  private readonly counts: number[];
  private readonly samples: Row[][];

  constructor(
    private readonly plan: Plan,
    /** the expanded search text the operators' spans point into */
    private readonly text: string,
    private readonly limit: number,
  ) {
    this.counts = new Array(plan.operators.length + 1).fill(0);
    this.samples = this.counts.map(() => []);
  }

  /** For RunOptions.observe: counts rows and copies the first few of each stage. */
  readonly observe = (stage: number, rows: readonly Row[]): void => {
    this.counts[stage] += rows.length;
    const kept = this.samples[stage];
    for (let i = 0; i < rows.length && kept.length < this.limit; i++) kept.push(new Map(rows[i]));
  };

  render(tz: string, eventsRead: number): string {
    const lines: string[] = ['stages:'];
    // events carry every extracted field: until the first command that is not streaming, show the ones the search uses
    const firstBlocking = this.plan.operators.findIndex((op) => op.kind !== 'streaming');
    const eventStages = firstBlocking < 0 ? this.plan.operators.length : firstBlocking;
    const show = (stage: number) => {
      const only = this.plan.readsEvents && stage <= eventStages ? this.plan.fields : undefined;
      for (const r of this.samples[stage]) lines.push(`      ${sample(r, tz, only)}`);
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
      show(i + 1);
    });
    return lines.join('\n');
  }
}

/** A row as one line of JSON, without _raw and the other internal fields but _time (and only `only`'s fields, when given). */
function sample(row: Row, tz: string, only?: ReadonlySet<string>): string {
  const o = rowObject(row, tz);
  for (const k of Object.keys(o)) if ((k.startsWith('_') && k !== '_time') || (only && k !== '_time' && !only.has(k))) delete o[k];
  return clip(JSON.stringify(o), ROW_WIDTH);
}

function clip(s: string, width: number): string {
  return s.length > width ? s.slice(0, width - 1) + '…' : s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
