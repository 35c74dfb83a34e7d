import { Column, DataSource, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
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

function withStatus(values: string[]) {
  @Entity({ name: 'ticket' })
  class Ticket {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'enum', enum: values, enumName: 'ticket_status', default: 'open' }) status!: string;
  }
  return [Ticket];
}

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
      await expect(check(configFor(version2()))).rejects.toThrow(/^New upgrade operations detected: .*add column account\.nickname.*; run 'migrate' to write a revision$/);
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

    it('downgrades every generated revision back to an empty database', async () => {
      const config = configFor(version3());
      await downgrade(config, 'base');
      const dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
      try {
        const tables = (await dataSource.createQueryRunner().getTables()).map((t) => t.name.split('.').pop());
        expect(tables.filter((name) => name === 'account' || name === 'note')).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    });
  });
}
