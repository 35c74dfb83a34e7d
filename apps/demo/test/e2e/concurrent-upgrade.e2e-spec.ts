import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { upgrade } from '../../../../libs/migration/src/commands/upgrade';
import { parseDatabaseUrl } from '../../../../libs/migration/src/runtime/database-url';
import { MAIN } from './demo-cli';
import { LockTimeoutError } from '../../../../libs/migration/src/dialects/deploy-lock';
import { dialectFor } from '../../../../libs/migration/src/dialects/registry';

// Eight deployments start `upgrade heads` against one empty database at the same moment. The
// deploy lock must let exactly one of them migrate and have the others find nothing to do:
// every revision runs once, in one process, and none of them fails. Outcomes only, no clocks.
const PROCESSES = 8;

/**
 * r01 -> r02 -> r03 -> (r04 -> r05 [side], r06) -> r07 (merge) -> r08 -> r09 -> r10.
 * Every revision creates t_<id> and logs itself in `ran` (made by r01); r02 and r08 are slow.
 */
const HISTORY: [id: string, down: string | string[] | null, label: string | null, slow: boolean][] = [
  ['r01', null, null, false],
  ['r02', 'r01', null, true],
  ['r03', 'r02', null, false],
  ['r04', 'r03', 'side', false],
  ['r05', 'r04', null, false],
  ['r06', 'r03', null, false],
  ['r07', ['r05', 'r06'], null, false],
  ['r08', 'r07', null, true],
  ['r09', 'r08', null, false],
  ['r10', 'r09', null, false],
];
const IDS = HISTORY.map(([id]) => id);
const HEAD = 'r10';

/** What `Running upgrade` says for each revision, by id. */
const UPGRADE_LINES = HISTORY.map(
  ([id, down]) => `Running upgrade ${down === null ? '' : ([] as string[]).concat(down).join(', ')} -> ${id}, Create t_${id}`,
);

/** Keeps the revision's transaction (or, on MySQL, its lock) open long enough for others to arrive. */
function slowStatement(dialect: string): string {
  if (dialect === 'postgres') return "\n  await op.execute('SELECT pg_sleep(0.2)');";
  if (dialect === 'mysql') return "\n  await op.execute('SELECT SLEEP(0.2)');";
  // better-sqlite3 is synchronous: blocking the event loop is what a slow statement would do.
  return '\n  const until = Date.now() + 200;\n  while (Date.now() < until) {\n    // busy\n  }';
}

function revisionFile(id: string, down: string | string[] | null, label: string | null, body: string): string {
  const literal = (v: string | string[] | null) => (v === null ? 'null' : JSON.stringify(v).replace(/"/g, "'"));
  const createLog = id === 'r01' ? "\n  await op.execute('CREATE TABLE ran (rev VARCHAR(32) NOT NULL)');" : '';
  return `/**
 * Create t_${id}
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${literal(down)};
export const branchLabels: string | string[] | null = ${literal(label)};
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {${createLog}
  await op.execute('CREATE TABLE t_${id} (id INTEGER PRIMARY KEY)');${body}
  await op.execute("INSERT INTO ran (rev) VALUES ('${id}')");
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE t_${id}');
}
`;
}

function writeHistory(directory: string, dialect: string): void {
  mkdirSync(join(directory, 'versions'), { recursive: true });
  for (const [id, down, label, slow] of HISTORY) {
    writeFileSync(join(directory, 'versions', `${id}_create.ts`), revisionFile(id, down, label, slow ? slowStatement(dialect) : ''));
  }
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `main.js upgrade heads` and resolves when it has exited and closed its output. */
function startUpgrade(cwd: string, directory: string, url: string): Promise<Exit> {
  const child = spawn(process.execPath, [MAIN, 'upgrade', 'heads', '--directory', directory], {
    cwd,
    env: { ...process.env, DATABASE_URL: url, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolveExit({ code, stdout, stderr }));
  });
}

async function withDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const LIST_TABLES = {
  sqlite: "SELECT name AS name FROM sqlite_master WHERE type = 'table'",
  postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
  mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
} as const;

/** Every table, the `ran` log counted per revision, and the version table's rows. */
async function inspect(database: TestDatabase): Promise<{ tables: string[]; ran: [string, number][]; versions: string[] }> {
  return withDataSource(database.url, async (dataSource) => {
    const tables = ((await dataSource.query(LIST_TABLES[database.dialect])) as { name: string }[]).map((t) => t.name).sort();
    const ran = tables.includes('ran')
      ? (
          (await dataSource.query('SELECT rev AS rev, COUNT(*) AS n FROM ran GROUP BY rev ORDER BY rev')) as { rev: string; n: unknown }[]
        ).map((row): [string, number] => [row.rev, Number(row.n)])
      : [];
    const versions = tables.includes('migration_version')
      ? ((await dataSource.query('SELECT version_num FROM migration_version')) as { version_num: string }[])
          .map((r) => r.version_num)
          .sort()
      : [];
    return { tables, ran, versions };
  });
}

/** Holds the deploy lock of the default version table from a connection of the test's own. */
async function holdDeployLock(database: TestDatabase): Promise<{ release(): Promise<void> }> {
  const dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  let unlock: () => Promise<unknown>;
  if (database.dialect === 'postgres') {
    // The name the library hashes is the version table's display name.
    await runner.query("SELECT pg_advisory_lock(hashtext('migration_version'))");
    unlock = () => runner.query("SELECT pg_advisory_unlock(hashtext('migration_version'))");
  } else {
    // The library names MySQL's server-wide lock after the database and the version table.
    const name = `nest_migrate_${createHash('sha1').update(`${database.name}.migration_version`).digest('hex')}`;
    expect((await runner.query('SELECT GET_LOCK(?, 0) AS ok', [name])).map((r: { ok: unknown }) => Number(r.ok))).toEqual([1]);
    unlock = () => runner.query('SELECT RELEASE_LOCK(?)', [name]);
  }
  return {
    release: async () => {
      try {
        await unlock();
      } finally {
        await runner.release();
        await dataSource.destroy();
      }
    },
  };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
});

for (const dialect of dialectsUnderTest()) {
  describe(`concurrent upgrade on ${dialect}`, () => {
    let database: TestDatabase;
    let workDir: string;
    let directory: string;

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'concurrent upgrade');
      workDir = mkdtempSync(join(tmpdir(), 'nest-migrate-concurrent-e2e-'));
      directory = join(workDir, 'migrations');
      writeHistory(directory, dialect);
    });

    afterAll(async () => {
      await database?.drop();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    });

    const WAITING = 'Waiting for the migration lock: another deployment is migrating this database (at most 60 s)';

    it(`${PROCESSES} simultaneous 'upgrade heads' run every revision exactly once, in one process`, async () => {
      const exits = await Promise.all(Array.from({ length: PROCESSES }, () => startUpgrade(workDir, directory, database.url)));

      // All succeed (a failure shows its FAILED line here), and none writes to stdout.
      const failed = (stderr: string) => stderr.split('\n').filter((line) => line.includes('FAILED'));
      const outcome = exits.map(({ code, stdout, stderr }) => ({ code, stdout, failed: failed(stderr) }));
      expect(outcome).toEqual(Array(PROCESSES).fill({ code: 0, stdout: '', failed: [] }));

      // Each revision's progress line appears once over all processes, all of them in one
      // process: the one holding the lock migrated everything, the others found the head.
      // A process that found the lock taken says once that it waits (on SQLite, BEGIN IMMEDIATE
      // found the write lock taken).
      // The others say the database is already at the head. A step's line ends with its time, left out here.
      const ALREADY = `Database is already at heads (${HEAD})`;
      const progress = (exit: { stderr: string }) =>
        exit.stderr
          .split('\n')
          .filter((line) => line !== '' && line !== WAITING && line !== ALREADY)
          .map((line) => line.replace(/ \(\d+\.\d\d s\)$/, ''));
      const lines = exits.flatMap(progress);
      expect(lines.filter((line) => line.startsWith('Running upgrade'))).toHaveLength(IDS.length);
      expect([...lines].sort()).toEqual([...UPGRADE_LINES].sort());
      expect(exits.filter((exit) => progress(exit).length > 0)).toHaveLength(1);
      expect(exits.filter((exit) => exit.stderr.includes(ALREADY))).toHaveLength(PROCESSES - 1);
      expect(exits.every((exit) => exit.stderr.split(WAITING).length <= 2)).toBe(true);

      // MySQL commits DDL at once, so its steps record their statements in the run journal (empty now).
      const journal = dialect === 'mysql' ? ['migration_version_journal'] : [];
      expect(await inspect(database)).toEqual({
        tables: ['migration_version', ...journal, 'migration_version_log', 'ran', ...IDS.map((id) => `t_${id}`)].sort(),
        ran: IDS.map((id) => [id, 1]),
        versions: [HEAD],
      });
    }, 120_000);
  });

  if (dialect === 'sqlite') continue;

  describe(`deploy lock timeout on ${dialect}`, () => {
    let database: TestDatabase;
    let workDir: string;
    let directory: string;

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'lock timeout');
      workDir = mkdtempSync(join(tmpdir(), 'nest-migrate-lock-timeout-e2e-'));
      directory = join(workDir, 'migrations');
      writeHistory(directory, dialect);
    });

    afterAll(async () => {
      await database?.drop();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    });

    // The demo CLI has no lock-timeout option yet, so this calls the library's command directly.
    it('gives up with LockTimeoutError while another deployment holds the lock, and changes nothing', async () => {
      const config = { directory, database: { url: database.url }, lockTimeoutMs: 1000 };
      const holder = await holdDeployLock(database);
      let error: unknown;
      const progress: string[] = [];
      const output = { info: (line: string) => progress.push(line), sql: () => undefined, warn: () => undefined };
      try {
        error = await upgrade(config, 'heads', { output }).then(
          () => undefined,
          (e: unknown) => e,
        );
      } finally {
        await holder.release();
      }
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect(error).toMatchObject({ dialect, timeoutMs: 1000 });
      expect((error as Error).message).toBe(
        `Timed out after 1000 ms waiting for the migration lock on ${dialect}; another deployment is migrating this database: ` +
          'wait for it to finish, or raise lockTimeoutMs',
      );
      // It said it was waiting, so a pause is not taken for a hang.
      expect(progress).toEqual(['Waiting for the migration lock: another deployment is migrating this database (at most 1 s)']);
      expect(await inspect(database)).toEqual({ tables: [], ran: [], versions: [] });

      // Once the lock is free, the same command migrates.
      expect((await upgrade(config, 'heads')).heads).toEqual([HEAD]);
      expect((await inspect(database)).versions).toEqual([HEAD]);
    }, 60_000);

    it('locks one database only: another database on the same server migrates meanwhile', async () => {
      const other = await createTestDatabase(dialect, 'lock other database');
      // Held through the library itself, so the test does not depend on how locks are named.
      const dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      const holder = dialectFor(dialect).deployLock(runner, 'migration_version', 1000, () => undefined);
      await holder.acquire();
      try {
        const config = { directory, database: { url: other.url }, lockTimeoutMs: 1000 };
        expect((await upgrade(config, 'heads')).heads).toEqual([HEAD]);
      } finally {
        await holder.release();
        await runner.release();
        await dataSource.destroy();
        await other.drop();
      }
    }, 60_000);
  });
}
