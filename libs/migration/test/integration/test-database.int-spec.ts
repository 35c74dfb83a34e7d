import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { parseDatabaseUrl } from '../../src/runtime/database-url';

// Every other integration suite stands on this helper, so prove it on each real server first.
for (const dialect of dialectsUnderTest()) {
  describe(`test databases on ${dialect}`, () => {
    const created: TestDatabase[] = [];

    afterAll(async () => {
      await Promise.all(created.map((database) => database.drop()));
    });

    it('creates a database that a TypeORM DataSource can query, and drops it', async () => {
      const database = await createTestDatabase(dialect, 'test_database');
      created.push(database);
      const dataSource = new DataSource(parseDatabaseUrl(database.url).dataSourceOptions);
      await dataSource.initialize();
      try {
        expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await dataSource.destroy();
      }
      expect(await database.exists()).toBe(true);

      await database.drop();

      expect(await database.exists()).toBe(false);
    });

    it('gives each call its own database with a sanitized name of at most 63 characters', async () => {
      const suiteName = `Test Database: ${'very long suite name '.repeat(5)}(${dialect})`;
      const first = await createTestDatabase(dialect, suiteName);
      const second = await createTestDatabase(dialect, suiteName);
      created.push(first, second);

      expect(first.name).toMatch(/^test_database_very_long_suite_name_very_long_suite_n[a-z_]*_[0-9a-f]{10}$/);
      expect(first.name.length).toBeLessThanOrEqual(63);
      expect(second.name).not.toBe(first.name);
      const connected = await Promise.all(
        [first, second].map(async (database) => {
          const dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
          await dataSource.destroy();
          return database.exists();
        }),
      );
      expect(connected).toEqual([true, true]);
    });
  });
}
