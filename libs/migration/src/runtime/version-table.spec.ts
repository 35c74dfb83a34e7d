import { MigrationError } from '../errors';
import type { Dialect } from '../operations/migration-ops';
import { ExecResult, executeEach, OfflineSqlEmitter, SqlEmitter } from './sql-emitter';
import { VersionTable, VersionTableChangedError } from './version-table';

function offlineTable(dialect: Dialect, options = {}) {
  let script = '';
  const table = new VersionTable(new OfflineSqlEmitter(dialect, (text) => (script += text)), options);
  return { table, script: () => script };
}

async function renderAll(table: VersionTable): Promise<void> {
  await table.ensure();
  await table.apply([{ kind: 'insert', version: 'a' }]);
  await table.apply([{ kind: 'update', from: 'a', to: 'b' }]);
  await table.apply([{ kind: 'delete', version: 'b' }]);
  await table.purge();
}

describe('VersionTable offline', () => {
  it('renders the sqlite script', async () => {
    const { table, script } = offlineTable('sqlite');
    await renderAll(table);
    expect(script()).toBe(
      'CREATE TABLE "migration_version" (\n' +
        '    "version_num" VARCHAR(32) NOT NULL,\n' +
        '    CONSTRAINT "migration_version_pkc" PRIMARY KEY ("version_num")\n' +
        ');\n\n' +
        `INSERT INTO "migration_version" ("version_num") VALUES ('a');\n\n` +
        `UPDATE "migration_version" SET "version_num" = 'b' WHERE "version_num" = 'a';\n\n` +
        `DELETE FROM "migration_version" WHERE "version_num" = 'b';\n\n` +
        'DELETE FROM "migration_version";\n\n',
    );
  });

  it('renders the postgres script with a schema, table name and column width', async () => {
    const { table, script } = offlineTable('postgres', { schema: 'audit', tableName: 'versions', columnWidth: 64 });
    await renderAll(table);
    expect(script()).toBe(
      'CREATE TABLE "audit"."versions" (\n' +
        '    "version_num" VARCHAR(64) NOT NULL,\n' +
        '    CONSTRAINT "versions_pkc" PRIMARY KEY ("version_num")\n' +
        ');\n\n' +
        `INSERT INTO "audit"."versions" ("version_num") VALUES ('a');\n\n` +
        `UPDATE "audit"."versions" SET "version_num" = 'b' WHERE "version_num" = 'a';\n\n` +
        `DELETE FROM "audit"."versions" WHERE "version_num" = 'b';\n\n` +
        'DELETE FROM "audit"."versions";\n\n',
    );
  });

  it('renders the mysql script with backticks', async () => {
    const { table, script } = offlineTable('mysql');
    await renderAll(table);
    expect(script()).toBe(
      'CREATE TABLE `migration_version` (\n' +
        '    `version_num` VARCHAR(32) NOT NULL,\n' +
        '    CONSTRAINT `migration_version_pkc` PRIMARY KEY (`version_num`)\n' +
        ');\n\n' +
        "INSERT INTO `migration_version` (`version_num`) VALUES ('a');\n\n" +
        "UPDATE `migration_version` SET `version_num` = 'b' WHERE `version_num` = 'a';\n\n" +
        "DELETE FROM `migration_version` WHERE `version_num` = 'b';\n\n" +
        'DELETE FROM `migration_version`;\n\n',
    );
  });

  it('escapes a quote in a revision id (mysql also escapes backslashes)', async () => {
    const { table: pg, script: pgScript } = offlineTable('postgres');
    await pg.apply([{ kind: 'insert', version: "it's\\" }]);
    expect(pgScript()).toBe(`INSERT INTO "migration_version" ("version_num") VALUES ('it''s\\');\n\n`);
    const { table: my, script: myScript } = offlineTable('mysql');
    await my.apply([{ kind: 'delete', version: "it's\\" }]);
    expect(myScript()).toBe("DELETE FROM `migration_version` WHERE `version_num` = 'it''s\\\\';\n\n");
  });

  it('cannot read heads offline', async () => {
    const { table } = offlineTable('sqlite');
    await expect(table.currentHeads()).rejects.toThrow(
      "Cannot read the version table with --sql; give the starting revision as '<start>:<end>' instead",
    );
  });

  it('refuses a schema off postgres and a bad column width', () => {
    expect(() => offlineTable('mysql', { schema: 'x' })).toThrow(
      "A version table schema is only supported on postgres; on mysql, connect to the database that should hold 'migration_version'",
    );
    expect(() => offlineTable('sqlite', { columnWidth: 0 })).toThrow('Version table column width must be a positive integer, not 0');
  });
});

/** An online emitter over canned results, to check the one-row assertion without a database. */
class ScriptedEmitter implements SqlEmitter {
  readonly isOffline = false;
  readonly statements: string[] = [];
  constructor(
    readonly dialect: Dialect,
    private readonly results: ExecResult[],
  ) {}
  async execute(sql: string): Promise<ExecResult> {
    this.statements.push(sql);
    return this.results.shift() ?? { affected: undefined, rows: [] };
  }
  async executeBatch(statements: readonly string[]): Promise<(number | undefined)[]> {
    return executeEach(this, statements);
  }

  comment(): void {}
}

describe('VersionTable online, one-row check', () => {
  it.each([0, 2, undefined])('throws VersionTableChangedError when an UPDATE changes %p rows', async (affected) => {
    const table = new VersionTable(new ScriptedEmitter('sqlite', [{ affected, rows: [] }]));
    const error = await table.apply([{ kind: 'update', from: 'a', to: 'b' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionTableChangedError);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ table: 'migration_version', found: affected });
    expect((error as Error).message).toBe(
      `Online migration expected to match one row when updating 'a' to 'b' in 'migration_version'; ${affected ?? 'an unknown number'} found. ` +
        "The version table was changed behind nest-migrate's back; check it with 'current' and repair it with 'stamp'.",
    );
  });

  it('throws for a DELETE that matches no row, naming schema.table', async () => {
    const table = new VersionTable(new ScriptedEmitter('postgres', [{ affected: 0, rows: [] }]), { schema: 's' });
    await expect(table.apply([{ kind: 'delete', version: 'c' }])).rejects.toThrow(
      "Online migration expected to match one row when deleting 'c' in 's.migration_version'; 0 found.",
    );
  });

  it('accepts exactly one row, and does not count INSERTs', async () => {
    const emitter = new ScriptedEmitter('mysql', [
      { affected: 1, rows: [] },
      { affected: 7, rows: [] },
    ]);
    const table = new VersionTable(emitter);
    await table.apply([{ kind: 'update', from: 'a', to: 'b' }]);
    await table.apply([{ kind: 'insert', version: 'c' }]);
    expect(emitter.statements).toHaveLength(2);
  });

  it('skips CREATE TABLE when the catalog has the table, and reads no heads when it does not', async () => {
    const present = new ScriptedEmitter('sqlite', [{ affected: undefined, rows: [{ found: 1 }] }]);
    await new VersionTable(present).ensure();
    expect(present.statements).toHaveLength(1);
    expect(present.statements[0]).toMatch(/sqlite_master/);

    const absent = new ScriptedEmitter('sqlite', [{ affected: undefined, rows: [] }]);
    await expect(new VersionTable(absent).currentHeads()).resolves.toEqual([]);
    expect(absent.statements).toHaveLength(1);
  });
});
