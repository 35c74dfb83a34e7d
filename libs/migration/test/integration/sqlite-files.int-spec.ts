import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dialectsUnderTest } from '../../../../tools/db/test-database';
import { current } from '../../src/commands/current';
import { upgrade } from '../../src/commands/upgrade';
import { MigrationError } from '../../src/errors';
import { LockTimeoutError } from '../../src/dialects/deploy-lock';
import { recorder } from '../support/recording';

// SQLite databases are files: a wrong path must not become a new, empty database, and a lock
// wait must end like the other dialects' do.

const REVISION = `/**
 * Create t_one
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'ca01';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('CREATE TABLE t_one (id INTEGER)');
}

export async function downgrade(op: MigrationOps): Promise<void> {}
`;

if (dialectsUnderTest().includes('sqlite')) {
  describe('SQLite database files', () => {
    let dir: string;
    let directory: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-sqlite-files-'));
      directory = path.join(dir, 'migrations');
      fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
      fs.writeFileSync(path.join(directory, 'versions', 'ca01_one.ts'), REVISION);
    });

    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a lock wait ends with the lock-timeout message, after saying once that it waits', async () => {
      const file = path.join(dir, 'locked.db');
      // Another deployment: a connection of its own holding the write lock.
      const other = await new DataSource({ type: 'better-sqlite3', database: file }).initialize();
      await other.query('BEGIN IMMEDIATE');
      const config = { directory, database: { url: `sqlite:${file}` }, lockTimeoutMs: 300 };
      try {
        const out = recorder();
        const error = await upgrade(config, 'heads', { output: out }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LockTimeoutError);
        expect((error as Error).message).toBe(
          'Timed out after 300 ms waiting for the migration lock on sqlite; another deployment is migrating this database: ' +
            'wait for it to finish, or raise lockTimeoutMs',
        );
        expect(out.lines).toEqual(['Waiting for the migration lock: another deployment is migrating this database (at most 1 s)']);
      } finally {
        await other.query('ROLLBACK');
        await other.destroy();
      }
      expect((await upgrade(config, 'heads')).heads).toEqual(['ca01']);
    });

    it('a URL whose directory does not exist is refused, and no directory is created', async () => {
      const file = path.join(dir, 'no', 'such', 'app.db');
      const config = { directory, database: { url: `sqlite:${file}` } };
      const message = `could not open sqlite at ${file}: directory ${path.dirname(file)} does not exist; create it first, or correct the database path`;
      await expect(upgrade(config, 'heads')).rejects.toThrow(new MigrationError(message));
      await expect(current(config)).rejects.toThrow(new MigrationError(message));
      expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);
    });

    it('a command that only reads never creates the database file', async () => {
      const file = path.join(dir, 'absent.db');
      const config = { directory, database: { url: `sqlite:${file}` } };
      await expect(current(config)).rejects.toThrow(
        new MigrationError(
          `could not open sqlite at ${file}: the file does not exist, and this command only reads; correct the database path, or run 'upgrade' to create the database`,
        ),
      );
      expect(fs.existsSync(file)).toBe(false);
      // upgrade creates it, as it always has.
      expect((await upgrade(config, 'heads')).heads).toEqual(['ca01']);
      expect((await current(config)).heads).toEqual(['ca01']);
    });

    it('a file that is not a database, or a directory, is named in one line and left as it was', async () => {
      const garbage = path.join(dir, 'notes.db');
      const text = 'these are notes, not a database\n'.repeat(20);
      fs.writeFileSync(garbage, text);
      for (const command of [
        () => current({ directory, database: { url: `sqlite:${garbage}` } }),
        () => upgrade({ directory, database: { url: `sqlite:${garbage}` } }),
      ]) {
        await expect(command()).rejects.toHaveProperty(
          'message',
          `could not open sqlite at ${garbage}: the file is not a SQLite database; correct the database path, or move that file away`,
        );
      }
      expect(fs.readFileSync(garbage, 'utf8')).toBe(text);
      await expect(upgrade({ directory, database: { url: `sqlite:${dir}` } })).rejects.toThrow(
        new MigrationError(`could not open sqlite at ${dir}: it is a directory; point the database at a file`),
      );
    });
  });
}
