// Writes one upgrade workload (a linear chain, one small CREATE TABLE per revision) in the
// forms the upgrade benchmark times: nest-migrate revision files, the raw-SQL floor script,
// TypeORM migration classes with their DataSource file, and an Alembic environment.
const fs = require('node:fs');
const path = require('node:path');
const { writePython } = require('../graph/generate');

const createTable = (revision) => `CREATE TABLE t_${revision} (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)`;
const dropTable = (revision) => `DROP TABLE t_${revision}`;

/** nest-migrate revision files in the contract format (as tools/bench/graph/generate.js writes them). */
function writeRevisions(dir, revisions, { extension = 'ts' } = {}) {
  const versions = path.join(dir, 'versions');
  fs.mkdirSync(versions, { recursive: true });
  revisions.forEach(({ revision, downRevision }, i) => {
    const header = `/**
 * Step ${i}
 *
 * Revision ID: ${revision}
 * Revises: ${downRevision ?? ''}
 * Create Date: 2026-11-25 10:00:00.000000
 */
`;
    const text =
      extension === 'ts'
        ? `${header}import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${revision}';
export const downRevision: string | string[] | null = ${downRevision === null ? 'null' : `'${downRevision}'`};
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('${createTable(revision)}');
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('${dropTable(revision)}');
}
`
        : // The same revision already compiled: only for the breakdown, to price compiling .ts.
          `${header}exports.revision = '${revision}';
exports.downRevision = ${downRevision === null ? 'null' : `'${downRevision}'`};
exports.branchLabels = null;
exports.dependsOn = null;

exports.upgrade = async function upgrade(op) {
  await op.execute('${createTable(revision)}');
};

exports.downgrade = async function downgrade(op) {
  await op.execute('${dropTable(revision)}');
};
`;
    fs.writeFileSync(path.join(versions, `${revision}_step_${i}.${extension}`), text);
  });
}

/**
 * The floor: the same tables and the same version-table rows nest-migrate writes (its CREATE
 * of `migration_version`, an INSERT for the first revision, then one UPDATE per step), as one
 * script. psql's `-1` supplies the transaction on PostgreSQL; SQLite's is written in.
 */
function writeFloorScript(file, dialect, revisions) {
  const lines = [
    'CREATE TABLE "migration_version" (\n    "version_num" VARCHAR(32) NOT NULL,\n' +
      '    CONSTRAINT "migration_version_pkc" PRIMARY KEY ("version_num")\n);',
  ];
  for (const { revision, downRevision } of revisions) {
    lines.push(`${createTable(revision)};`);
    lines.push(
      downRevision === null
        ? `INSERT INTO "migration_version" ("version_num") VALUES ('${revision}');`
        : `UPDATE "migration_version" SET "version_num" = '${revision}' WHERE "version_num" = '${downRevision}';`,
    );
  }
  const body = dialect === 'sqlite' ? ['BEGIN;', ...lines, 'COMMIT;'] : lines;
  fs.writeFileSync(file, `${body.join('\n')}\n`);
}

// TypeORM orders migrations by the last 13 digits of the class name, read as a timestamp.
const FIRST_TIMESTAMP = 1764064800000;

/**
 * TypeORM migration classes, one `.js` file each, and a DataSource file for its CLI that runs
 * them all in one transaction (`migrationsTransactionMode: 'all'`, as nest-migrate does here).
 * @returns the DataSource file's path
 */
function writeTypeOrm(dir, target, revisions) {
  const migrations = path.join(dir, 'migrations');
  fs.mkdirSync(migrations, { recursive: true });
  revisions.forEach(({ revision }, i) => {
    const name = `CreateT${revision}${FIRST_TIMESTAMP + i}`;
    const text = `module.exports.${name} = class ${name} {
  name = '${name}';

  async up(queryRunner) {
    await queryRunner.query('${createTable(revision)}');
  }

  async down(queryRunner) {
    await queryRunner.query('${dropTable(revision)}');
  }
};
`;
    fs.writeFileSync(path.join(migrations, `${FIRST_TIMESTAMP + i}-CreateT${revision}.js`), text);
  });
  const connection =
    target.dialect === 'sqlite' ? { type: 'better-sqlite3', database: target.file } : { type: 'postgres', url: target.url };
  const dataSource = path.join(dir, 'datasource.js');
  // The temporary directory has no node_modules, so typeorm is required by its resolved path.
  fs.writeFileSync(
    dataSource,
    `const { DataSource } = require(${JSON.stringify(require.resolve('typeorm'))});

module.exports = new DataSource(${JSON.stringify(
      { ...connection, logging: false, entities: [], migrations: [path.join(migrations, '*.js')], migrationsTransactionMode: 'all' },
      null,
      2,
    )});
`,
  );
  return dataSource;
}

/**
 * An Alembic 1.8 environment: `alembic.ini`, an online `env.py` on the SQLAlchemy URL in
 * `BENCH_DATABASE_URL` (one transaction for the run, Alembic's default), and one revision module
 * per revision.
 * @returns the `alembic.ini` path
 */
function writeAlembic(dir, revisions) {
  writePython(dir, revisions, (revision) => ({ upgrade: createTable(revision), downgrade: dropTable(revision) }));
  fs.writeFileSync(
    path.join(dir, 'env.py'),
    `import os

from alembic import context
from sqlalchemy import create_engine

engine = create_engine(os.environ['BENCH_DATABASE_URL'])
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
`,
  );
  const ini = path.join(dir, 'alembic.ini');
  fs.writeFileSync(ini, `[alembic]\nscript_location = ${dir}\n`);
  return ini;
}

module.exports = { writeAlembic, createTable, writeRevisions, writeFloorScript, writeTypeOrm };
