// The deploy step the upgrade benchmark times as a whole process: load the library, upgrade a
// fresh database to heads, and print (as JSON) how long each part took inside this process.
// Usage: node run-upgrade.js <migrations directory> <database url>
const { performance } = require('node:perf_hooks');

async function main() {
  const [directory, url] = process.argv.slice(2);
  // performance.now() counts from process start, so this first reading is Node's own startup.
  const started = performance.now();
  const { upgrade } = require('@nest-migrate/migration/core');
  const loaded = performance.now();
  const result = await upgrade({ directory, database: { url } }, 'heads');
  const upgraded = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      startupMs: started,
      requireMs: loaded - started,
      upgradeMs: upgraded - loaded,
      steps: result.steps.length,
      heads: result.heads,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
