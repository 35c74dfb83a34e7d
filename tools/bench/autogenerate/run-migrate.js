// nest-migrate's `migrate` as a whole process, the counterpart of `typeorm migration:generate`:
// load the library and the entities, connect, compare, render and write the revision, close.
// Prints (as JSON) the time spent inside the process after start-up.
// Usage: node run-migrate.js <migrations directory> <dialect> <database url> <entity count>
const { performance } = require('node:perf_hooks');

async function main() {
  const [directory, dialect, url, count] = process.argv.slice(2);
  const started = performance.now();
  const { migrate } = require('@nest-migrate/migration/core');
  const { dataSourceFor } = require('./entities');
  const dataSource = dataSourceFor({ dialect, url }, Number(count));
  const loaded = performance.now();
  try {
    const result = await migrate({ directory, database: { dataSource } }, { message: 'initial' });
    const migrated = performance.now();
    process.stdout.write(
      `${JSON.stringify({ startupMs: started, requireMs: loaded - started, migrateMs: migrated - loaded, ops: result.comparison.ops.length, file: result.created?.path })}\n`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
