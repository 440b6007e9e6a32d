#!/usr/bin/env node
import { run } from './program.js';

// `mfw query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// Ctrl-C cancels a running import cleanly; a second one quits at once.
const cancel = new AbortController();
process.on('SIGINT', () => {
  if (cancel.signal.aborted) process.exit(130);
  process.stderr.write('\nmfw: cancelling (Ctrl-C again to quit at once)…\n');
  cancel.abort();
});

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: cancel.signal });
