/** `splinter parse --format tree`: an outline a learner reads, without text offsets; generic arguments as written. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('parse --format tree', () => {
  it('shows a generic command\'s arguments one a line, as written, and no offsets', async () => {
    const r = await runCli('parse', '--format', 'tree', '| makeresults | rex field=x "(?<a>\\d+)" | timechart span=1h count by host');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'pipeline leadingPipe=true',
        '  commands[0]: command name="makeresults"',
        '  commands[1]: command name="rex"',
        '    option field=x',
        '    value "(?<a>\\\\d+)"',
        '  commands[2]: command name="timechart"',
        '    option span=1h',
        '    value count',
        '    by host',
        '',
      ].join('\n'),
    );
    expect(r.out).not.toMatch(/start=|end=/);
  });
});
