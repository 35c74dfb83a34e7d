// The autogenerate workload: N entities as TypeORM `EntitySchema`s (plain JS, no decorators),
// each with seven mixed-type columns, a unique column, an index and a ManyToOne to the entity
// before it; plus the DataSource file TypeORM's own CLI is pointed at, for the same entities.
const fs = require('node:fs');
const path = require('node:path');
const { DataSource, EntitySchema } = require('typeorm');

const name = (i) => `Entity${String(i).padStart(4, '0')}`;
const table = (i) => `e_${String(i).padStart(4, '0')}`;

/** N entity schemas; the timestamp type is the one each dialect's TypeORM driver accepts. */
function buildEntities(count, dialect) {
  const timestamp = dialect === 'sqlite' ? 'datetime' : 'timestamp';
  return Array.from(
    { length: count },
    (_, i) =>
      new EntitySchema({
        name: name(i),
        tableName: table(i),
        columns: {
          id: { type: Number, primary: true, generated: true },
          name: { type: 'varchar', length: 100 },
          code: { type: 'varchar', length: 40, unique: true },
          amount: { type: 'decimal', precision: 10, scale: 2, nullable: true },
          active: { type: 'boolean' },
          createdAt: { name: 'created_at', type: timestamp },
          notes: { type: 'text', nullable: true },
          quantity: { type: 'integer' },
        },
        indices: [{ columns: ['name'] }],
        relations:
          i === 0
            ? {}
            : {
                parent: {
                  type: 'many-to-one',
                  target: name(i - 1),
                  joinColumn: { name: 'parent_id' },
                  nullable: true,
                  onDelete: 'SET NULL',
                },
              },
      }),
  );
}

/** TypeORM connection options for a test database from tools/db/test-database.js. */
function connectionOptions(db) {
  return db.dialect === 'sqlite' ? { type: 'better-sqlite3', database: db.url.slice('sqlite:'.length) } : { type: 'postgres', url: db.url };
}

/** A DataSource over fresh entity schemas; `logger` (optional) sees every query. */
function dataSourceFor(db, count, logger) {
  return new DataSource({
    ...connectionOptions(db),
    entities: buildEntities(count, db.dialect),
    ...(logger ? { logger } : { logging: false }),
  });
}

/** The DataSource file for `typeorm migration:generate -d`; it requires this file by absolute path. */
function writeDataSourceFile(file, db, count) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `const { DataSource } = require(${JSON.stringify(require.resolve('typeorm'))});
const { buildEntities } = require(${JSON.stringify(__filename)});

module.exports = new DataSource({
  ...${JSON.stringify({ ...connectionOptions(db), logging: false })},
  entities: buildEntities(${count}, ${JSON.stringify(db.dialect)}),
});
`,
  );
  return file;
}

/** A TypeORM logger that counts the queries issued while `counting` is on. */
function queryCounter() {
  const counter = {
    counting: false,
    count: 0,
    queries: [],
    logQuery(query) {
      if (counter.counting) {
        counter.count++;
        counter.queries.push(query);
      }
    },
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
  return counter;
}

module.exports = { buildEntities, connectionOptions, dataSourceFor, writeDataSourceFile, queryCounter };
