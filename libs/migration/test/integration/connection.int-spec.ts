import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { MigrationError } from '../../src/errors';
import { connectionError, DatabaseTarget, parseDatabaseUrl } from '../../src/runtime/database-url';

// Distinctive, so a leak anywhere in a message is caught.
const PASSWORD = 'Sup3r-Secret-pw';

/** Connects as the runtime will; returns the one-line error, or fails the test if it connects. */
async function connectionFailure(url: string): Promise<string> {
  const target = parseDatabaseUrl(url);
  const dataSource = new DataSource(target.dataSourceOptions);
  try {
    await dataSource.initialize();
  } catch (error) {
    const translated = connectionError(target, error);
    expect(translated).toBeInstanceOf(MigrationError);
    expect(translated.message).not.toContain(PASSWORD);
    return translated.message;
  }
  await dataSource.destroy();
  throw new Error(`expected ${target.redactedUrl} not to connect`);
}

async function selectOne(target: DatabaseTarget): Promise<unknown> {
  const dataSource = await new DataSource(target.dataSourceOptions).initialize();
  try {
    return await dataSource.query('SELECT 1 AS one');
  } finally {
    await dataSource.destroy();
  }
}

for (const dialect of dialectsUnderTest()) {
  describe(`connecting to ${dialect} from a database URL`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'connection');
    });

    afterAll(async () => {
      await database?.drop();
    });

    it('connects with a TypeORM DataSource built from the parsed options', async () => {
      const target = parseDatabaseUrl(database.url);
      expect(target.dialect).toBe(dialect);
      expect(await selectOne(target)).toEqual([{ one: 1 }]);
    });

    if (dialect === 'sqlite') {
      it('names the file when it cannot be opened', async () => {
        const directory = mkdtempSync(join(tmpdir(), 'nest-migrate-connection-'));
        try {
          // A directory where the database file should be.
          expect(await connectionFailure(`sqlite:${directory}`)).toBe(
            `could not connect to sqlite at ${directory}: unable to open database file`,
          );
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      });
      return;
    }

    // The server's user, from the helper's URL (postgres or root), with a password added.
    const user = (): string => parseDatabaseUrl(database.url).username!;

    it('says "connection refused" for a port nobody listens on', async () => {
      expect(await connectionFailure(`${dialect}://${user()}:${PASSWORD}@127.0.0.1:1/${database.name}`)).toBe(
        `could not connect to ${dialect} at 127.0.0.1:1/${database.name}: connection refused`,
      );
    });

    it('says "connection refused" for localhost, which Node tries on both ::1 and 127.0.0.1', async () => {
      expect(await connectionFailure(`${dialect}://${user()}:${PASSWORD}@localhost:1/${database.name}`)).toBe(
        `could not connect to ${dialect} at localhost:1/${database.name}: connection refused`,
      );
    });

    it('passes on the server message for a database that does not exist', async () => {
      const missing = `${database.name}_missing`;
      const expected = dialect === 'postgres' ? `database "${missing}" does not exist` : `Unknown database '${missing}'`;
      const target = parseDatabaseUrl(database.url);
      expect(await connectionFailure(`${dialect}://${user()}@${target.host}:${target.port}/${missing}`)).toBe(
        `could not connect to ${dialect} at ${target.host}:${target.port}/${missing}: ${expected}`,
      );
    });

    if (dialect === 'mysql') {
      it('passes on the server message for a wrong password, without the password', async () => {
        const target = parseDatabaseUrl(database.url);
        expect(await connectionFailure(`mysql://${user()}:${PASSWORD}@${target.host}:${target.port}/${database.name}`)).toBe(
          `could not connect to mysql at ${target.host}:${target.port}/${database.name}: ` +
            `Access denied for user '${user()}'@'${target.host}' (using password: YES)`,
        );
      });
    }
  });
}
