#!/usr/bin/env node
/** splinter's command line: see program.ts. */
import { cli } from './program.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await cli(process.argv);
