// One deployment command as its own process, for the trials: `node run.js <upgrade|stamp>
// <migrations directory> <database url> <transaction mode|default> [revision...]`. Progress goes
// to stderr as the CLI prints it, a failure is one `FAILED: ...` line and exit code 1.
const [command, directory, url, mode, ...revisions] = process.argv.slice(2);
const core = require('@nest-migrate/migration/core');

const config = {
  directory,
  database: { url },
  ...(mode === 'default' ? {} : { transactionMode: mode }),
  // Sixteen processes queue behind one 200-revision run: none should give up waiting.
  lockTimeoutMs: 600_000,
};
const output = {
  info: (line) => process.stderr.write(`${line}\n`),
  sql: () => undefined,
  warn: (line) => process.stderr.write(`${line}\n`),
};
const run = command === 'stamp' ? core.stamp(config, revisions, { output }) : core.upgrade(config, 'heads', { output });
run.then(
  (result) => process.stdout.write(`${JSON.stringify(result.heads)}\n`),
  (error) => {
    process.stderr.write(`FAILED: ${String(error.message).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
