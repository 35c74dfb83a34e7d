import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestDatabase } from '../../../../tools/db/test-database';

/** Runs a `--sql` script with the dialect's own command-line client, as a DBA would. */
export function runWithClient(database: TestDatabase, script: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-sql-'));
  const file = path.join(dir, 'script.sql');
  fs.writeFileSync(file, script);
  try {
    const options = { stdio: 'pipe', encoding: 'utf8' } as const;
    if (database.dialect === 'sqlite') {
      execFileSync('sqlite3', ['-bail', database.url.slice('sqlite:'.length)], { ...options, input: script });
    } else if (database.dialect === 'postgres') {
      execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database.name, '-v', 'ON_ERROR_STOP=1', '-q', '-f', file], options);
    } else {
      execFileSync('mysql', ['-h', '127.0.0.1', '-uroot', database.name], { ...options, input: script });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
