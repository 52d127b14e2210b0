#!/usr/bin/env node
// The leadscore command: runs src/cli/main.ts through tsx, so it works straight after `npm ci`, no build step.
const path = require('node:path');
const { register } = require('tsx/cjs/api');

register();
const { run } = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
