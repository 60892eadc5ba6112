#!/usr/bin/env node
/** Composition root: the only file that touches process, the environment and the console. */
import { ExitCode } from './errors.js';
import { main, type Io } from './main.js';

const io: Io = {
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  nodeVersion: process.version,
};
main(io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`terway-lint: internal error: ${String(err)}\n`);
    process.exitCode = ExitCode.Internal;
  },
);
