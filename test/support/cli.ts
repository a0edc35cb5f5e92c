/**
 * Runs the CLI in this process: `cli(argv)` from src/cli/program.ts with
 * process.stdout/stderr captured, so a test does not wait for a node process
 * to start (seconds on a busy machine). Output goes to stdout as when piped
 * (not a terminal).
 */
import { cli } from '../../src/cli/program.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const stdoutTty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  const stderrTty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  const capture = (add: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      if (cb) cb();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture((s) => (out += s));
  process.stderr.write = capture((s) => (err += s));
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
  try {
    const code = await cli(['node', 'splinter', ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    if (stdoutTty) Object.defineProperty(process.stdout, 'isTTY', stdoutTty);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
    if (stderrTty) Object.defineProperty(process.stderr, 'isTTY', stderrTty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}
