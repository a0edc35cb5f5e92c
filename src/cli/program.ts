/**
 * The command line as a program: one verb per file in commands/. Exit
 * codes: 0 success, 1 runtime error, 2 usage error, 3 search error (lex,
 * parse, expand or plan).
 */
import { Command, InvalidArgumentError } from 'commander';
import { SplError } from '../diagnostics/diagnostic.js';
import { liftSearch } from './argv.js';
import { EXIT, UsageError, report, stderr, type Wrap } from './common.js';
import { diffVerb } from './commands/diff.js';
import { expandVerb } from './commands/expand.js';
import { huntVerb } from './commands/hunt.js';
import { explainVerb } from './commands/explain.js';
import { macrosVerb } from './commands/macros.js';
import { parseVerb } from './commands/parse.js';
import { runVerb } from './commands/run.js';
import { testVerb } from './commands/test.js';
import { validateVerb } from './commands/validate.js';

export function program(setExit: (code: number) => void): Command {
  const prog = new Command('splinter')
    .description('Run Splunk SPL searches offline over local event files (XmlWinEventLog, JSON, CSV).')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  const wrap: Wrap =
    (fn) =>
    async (...a) => {
      setExit(await fn(...a));
    };

  runVerb(prog, wrap);
  parseVerb(prog, wrap);
  expandVerb(prog, wrap);
  explainVerb(prog, wrap);
  validateVerb(prog, wrap);
  testVerb(prog, wrap);
  macrosVerb(prog, wrap);
  diffVerb(prog, wrap);
  huntVerb(prog, wrap);

  prog.addHelpText(
    'after',
    `
Examples:
  splinter run --detection detection.yml -m security_content/macros -e sysmon.log --tz UTC
  splinter run '\`sysmon\` EventCode=1 | stats count by Image' -m macros/ -e logs/ --format csv
  splinter run -f search.spl -e events.xml --macro 'sysmon=source=XmlWinEventLog:*'
  splinter run --detection detection.yml -m security_content/macros -e sysmon.log --stages 2
  splinter expand --detection detection.yml -m security_content/macros --trace
  splinter test security_content/detections -m security_content/macros --data-root attack_data --format junit > report.xml
  splinter macros sysmon 'drop_dm_object_name(1)' -m security_content/macros my_app --format json
  splinter validate security_content/detections -m security_content/macros --exclude security_content/detections/deprecated
  splinter hunt security_content --events evidence/ --timeline timeline.csv
  splinter diff --detection detection.yml -m security_content/macros -e sysmon.log --macro-b 'detection_filter=search NOT dest="WS-*"'

Exit codes: 0 success, 1 runtime error, 2 usage error, 3 search error (lex, parse, expand, plan).
diff exits as diff(1) does: 0 same rows, 1 rows differ, 2 trouble, 3 search error (splinter diff --help).`,
  );
  return prog;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code. */
export async function cli(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const prog = program((c) => (code = c));
  try {
    await prog.parseAsync(liftSearch(argv));
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      code = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (e instanceof UsageError || e instanceof InvalidArgumentError) {
      stderr(`error: ${(e as Error).message}\n(see splinter --help)`);
      code = EXIT.usage;
    } else if (e instanceof SplError) {
      report(e.diagnostics);
      const stage = e.first.stage;
      code = stage === 'input' || stage === 'runtime' ? EXIT.runtime : stage === 'usage' ? EXIT.usage : EXIT.search;
    } else {
      stderr(`internal error: ${(e as Error).stack ?? String(e)}\nThis is a bug in splinter; please report it with the search that caused it.`);
      code = EXIT.runtime;
    }
  }
  return code;
}
