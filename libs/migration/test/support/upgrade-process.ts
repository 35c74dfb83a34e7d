// A deployment as its own process, for the tests that kill one: `node -r sucrase/register
// upgrade-process.ts '<MigrationConfig as JSON>'` upgrades to heads from the library's source,
// progress on stderr as the CLI prints it. See spawnUpgrade in upgrade-child.ts.
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';

const config = JSON.parse(process.argv[2]) as MigrationConfig;
const line = (text: string) => process.stderr.write(`${text}\n`);
upgrade(config, 'heads', { output: { info: line, sql: () => undefined, warn: line } }).then(
  () => line('DONE'),
  (error: unknown) => {
    line(`FAILED: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
