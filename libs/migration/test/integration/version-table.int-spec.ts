import { DataSource, QueryRunner } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { HeadMaintainer, VersionChange } from '../../src/graph/head-maintainer';
import { downgradeSteps, upgradeSteps } from '../../src/graph/plan';
import { mapOf, rev } from '../../src/graph/testing';
import type { Dialect } from '../../src/operations/migration-ops';
import { OfflineSqlEmitter, OnlineSqlEmitter } from '../../src/runtime/sql-emitter';
import { VersionTable, VersionTableChangedError, VersionTableOptions } from '../../src/runtime/version-table';
import { runWithClient } from '../support/sql-client';

// diamond aaaa -> (bbbb, cccc) -> dddd: upgrading from base and back down covers INSERT
// (new branch), UPDATE, the DELETE + UPDATE of a merge and the INSERT + UPDATE of an unmerge.
const diamond = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('cccc', 'aaaa'), rev('dddd', ['bbbb', 'cccc']));

/** Each step's version changes and the heads after it, for a full upgrade then a full downgrade. */
function diamondRoundTrip(): { changes: VersionChange[]; heads: string[] }[] {
  const maintainer = new HeadMaintainer([]);
  const steps = [...upgradeSteps(diamond, 'heads', [])];
  const out: { changes: VersionChange[]; heads: string[] }[] = [];
  for (const step of steps) out.push({ changes: maintainer.updateToStep(step), heads: [...maintainer.heads].sort() });
  for (const step of downgradeSteps(diamond, 'base', [...maintainer.heads])) {
    out.push({ changes: maintainer.updateToStep(step), heads: [...maintainer.heads].sort() });
  }
  return out;
}

for (const dialect of dialectsUnderTest()) {
  describe(`version table on ${dialect}`, () => {
    let database: TestDatabase;
    let dataSource: DataSource;
    let queryRunner: QueryRunner;
    let emitter: OnlineSqlEmitter;
    const extraDatabases: TestDatabase[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'version table');
      dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
      queryRunner = dataSource.createQueryRunner();
      emitter = new OnlineSqlEmitter(queryRunner, dialect as Dialect);
    });

    afterAll(async () => {
      await queryRunner?.release();
      await dataSource?.destroy();
      await Promise.all([database, ...extraDatabases].filter(Boolean).map((d) => d.drop()));
    });

    async function rows(table = 'migration_version', schema?: string): Promise<string[]> {
      const name = [schema, table]
        .filter(Boolean)
        .map((part) => (dialect === 'mysql' ? `\`${part}\`` : `"${part}"`))
        .join('.');
      const records: { version_num: string }[] = await queryRunner.query(`SELECT version_num FROM ${name}`);
      return records.map((r) => r.version_num).sort();
    }

    it('reports no heads before the table exists, and ensure() is idempotent', async () => {
      const table = new VersionTable(emitter, { tableName: 'idempotent_version' });
      expect(await table.currentHeads()).toEqual([]);
      await table.ensure();
      await table.ensure();
      expect(await table.currentHeads()).toEqual([]);
      expect(await queryRunner.hasTable('idempotent_version')).toBe(true);
    });

    it('the driver reports exactly the rows an UPDATE or DELETE changed', async () => {
      // What the one-row check relies on: better-sqlite3 `changes`, pg `rowCount`, mysql2 `affectedRows`.
      const table = new VersionTable(emitter, { tableName: 'affected_version' });
      await table.ensure();
      await emitter.execute(
        `INSERT INTO ${dialect === 'mysql' ? '`affected_version`' : '"affected_version"'} (version_num) VALUES ('x'), ('y')`,
      );
      const q = (sql: string) => emitter.execute(dialect === 'mysql' ? sql.replace(/"/g, '`') : sql);
      expect((await q(`UPDATE "affected_version" SET version_num = 'z' WHERE version_num = 'x'`)).affected).toBe(1);
      expect((await q(`UPDATE "affected_version" SET version_num = 'w' WHERE version_num = 'x'`)).affected).toBe(0);
      expect((await q(`DELETE FROM "affected_version" WHERE version_num = 'nope'`)).affected).toBe(0);
      expect((await q(`DELETE FROM "affected_version"`)).affected).toBe(2);
    });

    it('follows the diamond upgrade and downgrade row for row, as HeadMaintainer says', async () => {
      const table = new VersionTable(emitter);
      await table.ensure();
      const trip = diamondRoundTrip();
      expect(trip.map((t) => t.changes.map((c) => c.kind))).toEqual([
        ['insert'],
        ['update'],
        ['insert'],
        ['delete', 'update'],
        ['insert', 'update'],
        ['delete'],
        ['update'],
        ['delete'],
      ]);
      for (const { changes, heads } of trip) {
        await table.apply(changes);
        // currentHeads answers in the database's own order, as Alembic reads the rows.
        expect((await table.currentHeads()).sort()).toEqual(heads);
        expect(await rows()).toEqual(heads);
      }
      expect(await table.currentHeads()).toEqual([]);
    });

    it('stops with VersionTableChangedError when the row was deleted by hand', async () => {
      const table = new VersionTable(emitter, { tableName: 'tampered_version' });
      await table.ensure();
      await table.apply([{ kind: 'insert', version: 'aaaa' }]);
      await table.purge();
      expect(await table.currentHeads()).toEqual([]);

      const update = table.apply([{ kind: 'update', from: 'aaaa', to: 'bbbb' }]);
      await expect(update).rejects.toBeInstanceOf(VersionTableChangedError);
      await expect(table.apply([{ kind: 'update', from: 'aaaa', to: 'bbbb' }])).rejects.toThrow(
        "Online migration expected to match one row when updating 'aaaa' to 'bbbb' in 'tampered_version'; 0 found. " +
          "The version table was changed behind nest-migrate's back; check it with 'current' and repair it with 'stamp'.",
      );
      await expect(table.apply([{ kind: 'delete', version: 'aaaa' }])).rejects.toThrow(
        "Online migration expected to match one row when deleting 'aaaa' in 'tampered_version'; 0 found.",
      );
    });

    it('takes a custom table name and column width' + (dialect === 'postgres' ? ' and schema' : ''), async () => {
      const schema = dialect === 'postgres' ? 'audit' : undefined;
      if (schema) await emitter.execute(`CREATE SCHEMA "${schema}"`);
      const options: VersionTableOptions = { tableName: 'my_versions', columnWidth: 40, schema };
      const table = new VersionTable(emitter, options);
      await table.ensure();
      await table.ensure();
      const long = 'f'.repeat(40);
      await table.apply([{ kind: 'insert', version: long }]);
      expect(await table.currentHeads()).toEqual([long]);
      expect(await rows('my_versions', schema)).toEqual([long]);
      if (dialect !== 'sqlite') {
        // SQLite records the declared width but never enforces it; the servers refuse a longer id.
        await expect(table.apply([{ kind: 'insert', version: 'g'.repeat(41) }])).rejects.toThrow();
      }

      const columns = await queryRunner.getTable(schema ? `${schema}.my_versions` : 'my_versions');
      const column = columns!.findColumnByName('version_num')!;
      expect([column.length, column.isPrimary, column.isNullable]).toEqual(['40', true, false]);
      if (schema) {
        // Nothing landed in the default schema.
        expect(await new VersionTable(emitter, { tableName: 'my_versions' }).currentHeads()).toEqual([]);
      }
    });

    it('writes a --sql script that, run by the real client, leaves the same rows as the online run', async () => {
      let script = '';
      const offline = new VersionTable(new OfflineSqlEmitter(dialect as Dialect, (text) => (script += text)));
      await offline.ensure();
      const upgrade = diamondRoundTrip().slice(0, 4);
      for (const { changes } of upgrade) await offline.apply(changes);

      const target = await createTestDatabase(dialect, 'version table offline');
      extraDatabases.push(target);
      runWithClient(target, script);

      const online = await createTestDatabase(dialect, 'version table online');
      extraDatabases.push(online);
      const onlineSource = await new DataSource(parseDatabaseUrl(online.url).dataSourceOptions).initialize();
      const offlineSource = await new DataSource(parseDatabaseUrl(target.url).dataSourceOptions).initialize();
      try {
        const runner = onlineSource.createQueryRunner();
        try {
          const table = new VersionTable(new OnlineSqlEmitter(runner, dialect as Dialect));
          await table.ensure();
          for (const { changes } of upgrade) await table.apply(changes);
          const offlineRunner = offlineSource.createQueryRunner();
          try {
            const fromScript = await new VersionTable(new OnlineSqlEmitter(offlineRunner, dialect as Dialect)).currentHeads();
            expect(fromScript).toEqual(['dddd']);
            expect(fromScript).toEqual(await table.currentHeads());
          } finally {
            await offlineRunner.release();
          }
        } finally {
          await runner.release();
        }
      } finally {
        await onlineSource.destroy();
        await offlineSource.destroy();
      }
    });
  });
}
