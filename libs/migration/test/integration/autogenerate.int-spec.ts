import { Check, Column, DataSource, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { check, migrate, SchemaDiffersError } from '../../src/commands/autogenerate';
import { downgrade } from '../../src/commands/downgrade';
import { init } from '../../src/commands/init';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { NodeFileSystem } from '../../src/script/node-file-system';
import { recorder } from '../support/recording';

// Three versions of an app's entities. Each step: migrate writes a revision, upgrade applies it,
// and check then finds nothing (the fixpoint); at the end downgrade base removes every table.

function version1() {
  @Entity({ name: 'account' })
  class Account {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 100, unique: true }) email!: string;
  }
  return [Account];
}

function version2() {
  @Entity({ name: 'account' })
  class Account {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 200, unique: true }) email!: string;
    @Column({ type: 'varchar', length: 50, nullable: true }) nickname!: string | null;
  }
  @Entity({ name: 'note' })
  class Note {
    @PrimaryGeneratedColumn() id!: number;
    @Index() @Column({ type: 'varchar', length: 80 }) title!: string;
    @ManyToOne(() => Account, { onDelete: 'CASCADE', nullable: false }) account!: Account;
  }
  return [Account, Note];
}

function version3() {
  @Entity({ name: 'account' })
  class Account {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 200, unique: true }) email!: string;
  }
  @Entity({ name: 'note' })
  class Note {
    @PrimaryGeneratedColumn() id!: number;
    @Index() @Column({ type: 'varchar', length: 80, nullable: true }) title!: string | null;
    @ManyToOne(() => Account, { onDelete: 'CASCADE', nullable: false }) account!: Account;
  }
  return [Account, Note];
}

/** Version 3 plus a table that filters and directives can leave out. */
function version3WithExtra() {
  @Entity({ name: 'extra' })
  class Extra {
    @PrimaryGeneratedColumn() id!: number;
    @Index() @Column({ type: 'varchar', length: 20 }) code!: string;
  }
  return [...version3(), Extra];
}

/**
 * `customer` twice, in the default schema (named explicitly) and in `billing`; billing's refers to
 * the default one, and billing.invoice (with an enum type, which TypeORM puts in the table's
 * schema) to billing's.
 */
function billing(options: { iban?: boolean; sales?: boolean } = {}) {
  @Entity({ name: 'customer', schema: 'public' })
  class Customer {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 100 }) name!: string;
  }
  @Entity({ name: 'customer', schema: 'billing' })
  class BillingCustomer {
    @PrimaryGeneratedColumn() id!: number;
    @ManyToOne(() => Customer, { nullable: false }) owner!: Customer;
  }
  if (options.iban) Column({ type: 'varchar', length: 34, nullable: true })(BillingCustomer.prototype, 'iban');
  @Entity({ name: 'invoice', schema: 'billing' })
  class Invoice {
    @PrimaryGeneratedColumn() id!: number;
    @Index() @Column({ type: 'integer' }) amount!: number;
    @Column({ type: 'enum', enum: ['open', 'paid'], enumName: 'invoice_state', default: 'open' }) state!: string;
    @ManyToOne(() => BillingCustomer, { onDelete: 'CASCADE' }) customer!: BillingCustomer;
  }
  @Entity({ name: 'lead', schema: 'sales' })
  class Lead {
    @PrimaryGeneratedColumn() id!: number;
  }
  return options.sales ? [Customer, BillingCustomer, Invoice, Lead] : [Customer, BillingCustomer, Invoice];
}

/** Conditions every database rewrites its own way: a comparison, an IN list, string literals, BETWEEN. */
const CHECKS_V1 = {
  price: 'price > 0',
  status: "status IN ('open', 'closed')",
  code: "code <> 'it''s' AND code LIKE 'A%'",
  qty: 'qty BETWEEN 1 AND 100',
};
/** Two of them edited. */
const CHECKS_V2 = { ...CHECKS_V1, price: 'price >= 10', status: "status IN ('open', 'closed', 'paid')" };

function checked(conditions: typeof CHECKS_V1) {
  @Entity({ name: 'product' })
  @Check('price', conditions.price)
  @Check('status', conditions.status)
  @Check('code', conditions.code)
  @Check('qty', conditions.qty)
  class Product {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'decimal', precision: 10, scale: 2 }) price!: string;
    @Column({ type: 'varchar', length: 10 }) status!: string;
    @Column({ type: 'varchar', length: 10 }) code!: string;
    @Column({ type: 'integer' }) qty!: number;
  }
  return [Product];
}

function withStatus(values: string[]) {
  @Entity({ name: 'ticket' })
  class Ticket {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'enum', enum: values, enumName: 'ticket_status', default: 'open' }) status!: string;
  }
  return [Ticket];
}

// Several tests create and drop databases of their own, which takes more than Jest's default 5 s under load.
jest.setTimeout(60_000);

for (const dialect of dialectsUnderTest()) {
  describe(`autogenerate on ${dialect}`, () => {
    let database: TestDatabase;
    let dir: string;
    const sources: DataSource[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'autogenerate');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-autogenerate-'));
      // The generated revisions import helpers from @nest-migrate/migration, as in a user's project.
      fs.symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'));
      init(new NodeFileSystem(), { directory: path.join(dir, 'migrations') });
    });

    afterAll(async () => {
      for (const source of sources) if (source.isInitialized) await source.destroy();
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function configFor(entities: Function[]): MigrationConfig {
      const dataSource = new DataSource({ ...parseDatabaseUrl(database.url).dataSourceOptions, entities } as never);
      sources.push(dataSource);
      return { directory: path.join(dir, 'migrations'), database: { dataSource } };
    }

    async function step(entities: Function[], message: string): Promise<string> {
      const config = configFor(entities);
      const { created } = await migrate(config, { message });
      expect(created).toBeDefined();
      await upgrade(config, 'heads');
      // The fixpoint: after applying what was generated, nothing is left to generate.
      await expect(check(config)).resolves.toMatchObject({ ops: [] });
      return fs.readFileSync(created!.path, 'utf8');
    }

    it('creates tables, then widens a type, adds a column, a table, an index and a relation, then drops a column', async () => {
      const first = await step(version1(), 'accounts');
      expect(first).toContain("await op.createTable('account', [");
      const second = await step(version2(), 'notes and nicknames');
      expect(second).toContain("await op.createTable('note', [");
      expect(second).toMatch(/alterColumn\('email'|alterColumn\('account', 'email'/);
      const third = await step(version3(), 'drop nicknames');
      expect(third).toContain('// DESTRUCTIVE: drops column account.nickname');
    });

    it('writes nothing when nothing changed, and check fails when the entities moved on', async () => {
      const config = configFor(version3());
      const before = fs.readdirSync(path.join(dir, 'migrations', 'versions')).sort();
      expect((await migrate(config, { message: 'nothing' })).created).toBeUndefined();
      expect(fs.readdirSync(path.join(dir, 'migrations', 'versions')).sort()).toEqual(before);
      await expect(check(configFor(version2()))).rejects.toThrow(SchemaDiffersError);
      await expect(check(configFor(version2()))).rejects.toThrow(
        /^New upgrade operations detected: .*add column account\.nickname.*; run 'migrate' to write a revision$/,
      );
    });

    it('filters and directives: includeObject leaves a table out, processRevisionDirectives drops ops or skips the file', async () => {
      const versions = () => fs.readdirSync(path.join(dir, 'migrations', 'versions')).sort();
      const before = versions();
      const notExtra = (_object: unknown, name: string | undefined, type: string) => !(type === 'table' && name === 'extra');
      expect((await migrate(configFor(version3WithExtra()), { message: 'filtered', includeObject: notExtra })).created).toBeUndefined();
      const skipped = await migrate(configFor(version3WithExtra()), {
        message: 'skipped',
        processRevisionDirectives: (directives) => {
          directives.skip = true;
        },
      });
      expect(skipped.created).toBeUndefined();
      expect(skipped.comparison.ops.length).toBeGreaterThan(0);
      expect(versions()).toEqual(before);

      const tableOnly = await migrate(configFor(version3WithExtra()), {
        message: 'extra without its index',
        processRevisionDirectives: (directives) => {
          directives.ops = directives.ops.filter((op) => op.constructor.name === 'CreateTableOp');
          directives.message = 'extra table only';
        },
      });
      const text = fs.readFileSync(tableOnly.created!.path, 'utf8');
      expect(text).toContain(' * extra table only');
      expect(text).toContain("await op.createTable('extra', [");
      fs.rmSync(tableOnly.created!.path);

      const empty = await migrate(configFor(version3()), { message: 'empty on purpose', allowEmpty: true });
      // Alembic's empty autogenerated revision: the markers and nothing between them.
      expect(fs.readFileSync(empty.created!.path, 'utf8')).toContain(
        'export async function upgrade(op: MigrationOps): Promise<void> {\n' +
          '  // ### commands auto generated by nest-migrate - please adjust! ###\n' +
          '  // ### end nest-migrate commands ###\n}',
      );
      fs.rmSync(empty.created!.path);
      expect(versions()).toEqual(before);
    });

    if (dialect === 'postgres') {
      it('creates a PostgreSQL enum type, then adds a value to it', async () => {
        const enums = await createTestDatabase(dialect, 'autogenerate enums');
        const directory = path.join(dir, 'enum-migrations');
        init(new NodeFileSystem(), { directory });
        try {
          const config = (entities: Function[]): MigrationConfig => {
            const dataSource = new DataSource({ ...parseDatabaseUrl(enums.url).dataSourceOptions, entities } as never);
            sources.push(dataSource);
            return { directory, database: { dataSource } };
          };
          const first = await migrate(config(withStatus(['open', 'closed'])), { message: 'tickets' });
          expect(fs.readFileSync(first.created!.path, 'utf8')).toContain("await op.createEnumType('ticket_status', ['open', 'closed']);");
          await upgrade(config(withStatus(['open', 'closed'])), 'heads');
          const second = await migrate(config(withStatus(['open', 'closed', 'waiting'])), { message: 'waiting tickets' });
          expect(fs.readFileSync(second.created!.path, 'utf8')).toContain("await op.addEnumValue('ticket_status', 'waiting'");
          await upgrade(config(withStatus(['open', 'closed', 'waiting'])), 'heads');
          await expect(check(config(withStatus(['open', 'closed', 'waiting'])))).resolves.toMatchObject({ ops: [] });
        } finally {
          for (const source of sources) if (source.isInitialized) await source.destroy();
          await enums.drop();
        }
      });
    }

    if (dialect === 'postgres') {
      it('includeSchemas: same-named tables in two schemas generated, applied and at the fixpoint; a schema includeName refuses is untouched', async () => {
        const db = await createTestDatabase(dialect, 'autogenerate schemas');
        const directory = path.join(dir, 'schema-migrations');
        init(new NodeFileSystem(), { directory });
        const admin = await new DataSource(parseDatabaseUrl(db.url).dataSourceOptions).initialize();
        const tablesIn = async (schemas: string[]) =>
          (
            await admin.query(
              "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema = ANY($1) ORDER BY 1",
              [schemas],
            )
          ).map((row: { name: string }) => row.name);
        try {
          await admin.query('CREATE SCHEMA billing');
          await admin.query('CREATE SCHEMA archive');
          await admin.query('CREATE TABLE archive.old_orders (id INTEGER PRIMARY KEY)');
          const config = (entities: Function[]): MigrationConfig => {
            const dataSource = new DataSource({ ...parseDatabaseUrl(db.url).dataSourceOptions, entities } as never);
            sources.push(dataSource);
            return { directory, database: { dataSource } };
          };
          const notArchive = {
            includeSchemas: true,
            includeName: (name: string, type: string) => !(type === 'schema' && name === 'archive'),
          };

          const first = await migrate(config(billing()), { message: 'billing', ...notArchive });
          const text = fs.readFileSync(first.created!.path, 'utf8');
          expect(text).toContain("await op.createEnumType('invoice_state', ['open', 'paid'], { schema: 'billing' });");
          // public.customer, then billing.customer and billing.invoice (whose key into billing.customer names the schema).
          expect(text.match(/^ {2}await op\.createTable\('(customer|invoice)', \[$/gm)).toHaveLength(3);
          expect(text.match(/^ {2}\], \{ schema: 'billing' \}\);$/gm)).toHaveLength(2);
          expect(text).toContain("referredSchema: 'billing',");
          expect(text).not.toContain('archive');
          expect(first.comparison.notes).toEqual([]);
          await upgrade(config(billing()), 'heads');
          expect(await tablesIn(['public', 'billing', 'archive'])).toEqual([
            'archive.old_orders',
            'billing.customer',
            'billing.invoice',
            'public.customer',
            'public.migration_version',
            'public.migration_version_log',
          ]);
          await expect(check(config(billing()), notArchive)).resolves.toMatchObject({ ops: [] });

          // Without the filter, archive's table is the database's only extra; without includeSchemas, nothing outside public is compared.
          await expect(check(config(billing()), { includeSchemas: true })).rejects.toThrow(
            /^New upgrade operations detected: drop table archive\.old_orders;/,
          );
          const defaultOnly = await check(config(billing()));
          expect(defaultOnly.ops).toEqual([]);
          expect(defaultOnly.notes).toEqual([
            'schema billing: its entity tables are not compared; set includeSchemas to compare schemas other than the default one',
          ]);

          // A column added to billing.customer goes there, not to public.customer.
          const second = await migrate(config(billing({ iban: true })), { message: 'iban', ...notArchive });
          expect(fs.readFileSync(second.created!.path, 'utf8')).toMatch(
            /await op\.batchAlterTable\('customer', async \(batch\) => \{\n {4}await batch\.addColumn\(\{ name: 'iban'.*\n {2}\}, \{ schema: 'billing' \}\);/,
          );
          await upgrade(config(billing({ iban: true })), 'heads');
          await expect(check(config(billing({ iban: true })), notArchive)).resolves.toMatchObject({ ops: [] });
          const ibanIn = await admin.query("SELECT table_schema FROM information_schema.columns WHERE column_name = 'iban'");
          expect(ibanIn).toEqual([{ table_schema: 'billing' }]);

          // A schema only the entities name is not created: a note says so.
          const sales = await migrate(config(billing({ iban: true, sales: true })), {
            ...notArchive,
            processRevisionDirectives: (directives) => {
              directives.skip = true;
            },
          });
          expect(sales.comparison.notes).toEqual([
            `schema sales does not exist; create it (op.execute('CREATE SCHEMA "sales"')) before this revision's tables`,
          ]);

          await downgrade(config(billing({ iban: true })), 'base');
          expect(await tablesIn(['public', 'billing', 'archive'])).toEqual([
            'archive.old_orders',
            'public.migration_version',
            'public.migration_version_log',
          ]);
          expect(await admin.query("SELECT typname FROM pg_type WHERE typname = 'invoice_state'")).toEqual([]);
        } finally {
          for (const source of sources) if (source.isInitialized) await source.destroy();
          await admin.destroy();
          await db.drop();
        }
      });
    }

    it('check constraints: rewritten conditions at the fixpoint; an edited condition replaced, applied, at the fixpoint, and downgraded', async () => {
      const db = await createTestDatabase(dialect, 'autogenerate checks');
      const directory = path.join(dir, 'check-migrations');
      init(new NodeFileSystem(), { directory });
      const admin = await new DataSource(parseDatabaseUrl(db.url).dataSourceOptions).initialize();
      const insert = (price: number) => admin.query(`INSERT INTO product (price, status, code, qty) VALUES (${price}, 'open', 'Ab', 1)`);
      try {
        const config = (entities: Function[]): MigrationConfig => {
          const dataSource = new DataSource({ ...parseDatabaseUrl(db.url).dataSourceOptions, entities } as never);
          sources.push(dataSource);
          return { directory, database: { dataSource } };
        };
        await migrate(config(checked(CHECKS_V1)), { message: 'products' });
        await upgrade(config(checked(CHECKS_V1)), 'heads');
        await expect(check(config(checked(CHECKS_V1)))).resolves.toMatchObject({ ops: [] });

        const edited = await migrate(config(checked(CHECKS_V2)), { message: 'stricter products' });
        expect(edited.comparison.ops.map((op) => [op.constructor.name, (op as { constraintName?: unknown }).constraintName])).toEqual([
          ['DropConstraintOp', 'ck_product_price'],
          ['DropConstraintOp', 'ck_product_status'],
          ['CreateCheckConstraintOp', { finalName: 'ck_product_price' }],
          ['CreateCheckConstraintOp', { finalName: 'ck_product_status' }],
        ]);
        // renderAsBatch is on by default: one batch block (plain ALTERs outside SQLite).
        const text = fs.readFileSync(edited.created!.path, 'utf8');
        expect(text).toContain(
          "await op.batchAlterTable('product', async (batch) => {\n    await batch.dropConstraint('ck_product_price', {",
        );
        expect(text).toContain("    await batch.createCheckConstraint(f('ck_product_price'), 'price >= 10');\n");
        await upgrade(config(checked(CHECKS_V2)), 'heads');
        await expect(check(config(checked(CHECKS_V2)))).resolves.toMatchObject({ ops: [] });
        await expect(insert(5)).rejects.toThrow();

        // The downgrade puts back the conditions as the database had them, which still match the
        // old entities (once the revision is gone, so the database is on the head again).
        await downgrade(config(checked(CHECKS_V2)), '-1');
        fs.rmSync(edited.created!.path);
        await expect(check(config(checked(CHECKS_V1)))).resolves.toMatchObject({ ops: [] });
        await insert(5);
        await downgrade(config(checked(CHECKS_V1)), 'base');
      } finally {
        for (const source of sources) if (source.isInitialized) await source.destroy();
        await admin.destroy();
        await db.drop();
      }
    });

    it('reports an entity TypeORM cannot map as the entity problem it is, not as a failed connection, and writes nothing', async () => {
      @Entity({ name: 'gadget' })
      class Gadget {
        @PrimaryGeneratedColumn() id!: number;
        // A union's design type is Object, which no driver maps.
        @Column({ nullable: true }) color!: string | null;
      }
      const before = fs.readdirSync(path.join(dir, 'migrations', 'versions')).sort();
      const driver = { sqlite: 'better-sqlite3', postgres: 'postgres', mysql: 'mysql' }[dialect];
      await expect(migrate(configFor([...version3(), Gadget]), { message: 'gadgets' })).rejects.toThrow(
        new RegExp(
          `^invalid entity metadata for ${dialect} at .*: Data type "Object" in "Gadget\\.color" is not supported by "${driver}" database; fix the entity$`,
        ),
      );
      expect(fs.readdirSync(path.join(dir, 'migrations', 'versions')).sort()).toEqual(before);
    });

    if (dialect === 'sqlite') {
      it('without renderAsBatch, says on stderr which table changes SQLite cannot ALTER; with it, says nothing of it', async () => {
        const output = recorder();
        // The database is at version 3 here: version 2 makes note.title NOT NULL again.
        await migrate(
          configFor(version2()),
          { message: 'not applied', renderAsBatch: false, processRevisionDirectives: (d) => void (d.skip = true) },
          output,
        );
        expect(output.lines).toEqual([
          'warning: destructive: makes note.title NOT NULL: fails while rows hold NULL',
          "warning: note: SQLite's ALTER TABLE cannot alter the nullability of column title; put these in op.batchAlterTable('note', ...), or turn renderAsBatch on",
          'No revision written: processRevisionDirectives skipped it.',
        ]);
        const batched = recorder();
        await migrate(configFor(version2()), { message: 'not applied', processRevisionDirectives: (d) => void (d.skip = true) }, batched);
        expect(batched.lines.filter((line) => line.includes('ALTER TABLE'))).toEqual([]);
      });
    }

    it('downgrades every generated revision back to an empty database', async () => {
      const config = configFor(version3());
      await downgrade(config, 'base');
      const dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
      try {
        // hasTable looks in this database only; MySQL's getTables() lists every database on the
        // server, other suites' running at the same time included.
        const runner = dataSource.createQueryRunner();
        expect([await runner.hasTable('account'), await runner.hasTable('note')]).toEqual([false, false]);
        await runner.release();
      } finally {
        await dataSource.destroy();
      }
    });
  });
}
