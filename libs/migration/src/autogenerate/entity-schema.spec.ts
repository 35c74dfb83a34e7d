import 'reflect-metadata';
import {
  Check,
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  Index,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { render } from '../dialects/testing';
import { compareSchemas } from './compare/compare-schemas';
import { entitySchema } from './entity-schema';
import { introspect } from './introspect/introspect';
import type { DatabaseSchema, TableModel } from '../dialects/schema-model';

@Entity('author')
@Check('positive_age', '"age" >= 0')
class Author {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 100, nullable: true, comment: 'shown name' })
  name!: string | null;

  @Column({ type: 'int', default: 0 })
  age!: number;

  @Column({ default: true })
  active!: boolean;
}

@Entity('tag')
class Tag {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  slug!: string;
}

@Entity('post')
@Unique('uq_post_author_title', ['author', 'title'])
@Index(['title'], { where: '"published" = 1' })
class Post {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Index('post_price_idx')
  @Column({ type: 'decimal', precision: 10, scale: 2 })
  price!: string;

  @Column({ type: 'simple-json', nullable: true })
  meta!: unknown;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @CreateDateColumn()
  created!: Date;

  @ManyToOne(() => Author, { onDelete: 'CASCADE', nullable: false })
  author!: Author;

  @ManyToMany(() => Tag)
  @JoinTable()
  tags!: Tag[];
}

const table = (schema: DatabaseSchema, name: string): TableModel => {
  const found = schema.tables.get(name);
  if (!found) throw new Error(`no table ${name} in ${[...schema.tables.keys()].join(', ')}`);
  return found;
};

describe('entitySchema', () => {
  let dataSource: DataSource;
  let schema: DatabaseSchema;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Author, Tag, Post] });
    await dataSource.initialize();
    schema = await entitySchema(dataSource, 'sqlite');
  });
  afterAll(() => dataSource.destroy());

  it('has a table per entity and the many-to-many junction table', () => {
    expect([...schema.tables.keys()].sort()).toEqual(['author', 'post', 'post_tags_tag', 'tag']);
  });

  it('maps TypeORM column types to portable names', () => {
    const types = Object.fromEntries(table(schema, 'post').columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      id: 'integer',
      title: 'varchar(200)',
      price: 'numeric(10,2)',
      meta: 'text',
      published: 'boolean',
      created: 'timestamp',
      authorId: 'integer',
    });
    expect(table(schema, 'author').columns.map((c) => c.type)).toEqual(['integer', 'varchar', 'varchar(100)', 'integer', 'boolean']);
    expect(table(schema, 'tag').columns[0]).toMatchObject({ name: 'slug', type: 'varchar(30)', nullable: false, autoincrement: false });
  });

  it('marks generated keys autoincrement, and carries nullability, defaults and comments', () => {
    const author = table(schema, 'author');
    expect(author.columns.find((c) => c.name === 'id')).toMatchObject({ autoincrement: true, nullable: false });
    expect(author.columns.find((c) => c.name === 'name')).toMatchObject({ nullable: true, comment: 'shown name' });
    expect(author.columns.find((c) => c.name === 'age')?.serverDefault).toBe('0');
    expect(author.columns.find((c) => c.name === 'active')?.serverDefault).toBe('1');
    expect(table(schema, 'post').columns.find((c) => c.name === 'created')?.serverDefault).toMatch(/datetime\('now'\)/i);
  });

  it('names keys, uniques, checks, indexes and foreign keys by the naming convention, not TypeORM hashes', () => {
    const author = table(schema, 'author');
    expect(author.primaryKey).toEqual({ name: 'pk_author', columns: ['id'] });
    expect(author.uniqueConstraints).toEqual([{ name: 'uq_author_email', columns: ['email'], generatedName: true }]);
    // TypeORM keeps the given name as written, so a database it built may have that name.
    expect(author.checkConstraints).toEqual([{ name: 'ck_author_positive_age', condition: '"age" >= 0', typeormName: 'positive_age' }]);
    const post = table(schema, 'post');
    expect(post.foreignKeys).toEqual([
      {
        name: 'fk_post_authorId_author',
        generatedName: true,
        columns: ['authorId'],
        referredTable: 'author',
        referredColumns: ['id'],
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
      },
    ]);
    expect(post.indexes).toEqual([
      {
        name: 'ix_post_title',
        columns: ['title'],
        unique: false,
        where: '"published" = 1',
        generatedName: true,
        typeormName: expect.stringMatching(/^IDX_/),
      },
      { name: 'post_price_idx', columns: ['price'], unique: false, typeormName: 'post_price_idx' },
    ]);
    // An explicit name is kept.
    expect(post.uniqueConstraints).toEqual([{ name: 'uq_post_author_title', columns: ['authorId', 'title'] }]);
  });

  it('gives the junction table its key, foreign keys and indexes, by convention', () => {
    const junction = table(schema, 'post_tags_tag');
    expect(junction.primaryKey).toEqual({ name: 'pk_post_tags_tag', columns: ['postId', 'tagSlug'] });
    expect(junction.foreignKeys.map((fk) => [fk.name, fk.referredTable, fk.onDelete])).toEqual([
      ['fk_post_tags_tag_postId_post', 'post', 'CASCADE'],
      ['fk_post_tags_tag_tagSlug_tag', 'tag', 'CASCADE'],
    ]);
    expect(junction.indexes.map((i) => i.name)).toEqual(['ix_post_tags_tag_postId', 'ix_post_tags_tag_tagSlug']);
  });

  it('follows a custom naming convention', async () => {
    const custom = await entitySchema(dataSource, 'sqlite', {
      namingConvention: { pk: '%(table_name)s_pkey', fk: '%(table_name)s_%(column_0_name)s_fkey' },
    });
    expect(table(custom, 'post').primaryKey?.name).toBe('post_pkey');
    expect(table(custom, 'post').foreignKeys[0].name).toBe('post_authorId_fkey');
    expect(table(custom, 'post').indexes[0].name).toBe('ix_post_title');
  });

  it('spells types for the dialect asked for: MySQL varchar gets a length, PostgreSQL enums are named types', async () => {
    @Entity('ticket')
    class Ticket {
      @PrimaryGeneratedColumn('uuid')
      id!: string;

      @Column()
      subject!: string;

      @Column({ type: 'simple-enum', enum: ['open', 'closed'], default: 'open' })
      state!: string;
    }
    const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Ticket] });
    const mysql = await entitySchema(ds, 'mysql');
    // TypeORM has no uuid type on MySQL: its uuid keys are VARCHAR(36).
    expect(table(mysql, 'ticket').columns.map((c) => c.type)).toEqual(['varchar(36)', 'varchar(255)', "enum('open','closed')"]);
    const postgres = await entitySchema(ds, 'postgres');
    expect(table(postgres, 'ticket').columns[0]).toMatchObject({ type: 'uuid', serverDefault: 'gen_random_uuid()' });
  });

  it('models an entity in the default schema without one, and others in their schema, keyed, referred to and with enum types there', async () => {
    @Entity({ name: 'customer', schema: 'public' })
    class Customer {
      @PrimaryGeneratedColumn()
      id!: number;
    }
    @Entity({ name: 'customer', schema: 'billing' })
    class BillingCustomer {
      @PrimaryGeneratedColumn()
      id!: number;

      @ManyToOne(() => Customer)
      owner!: Customer;

      @ManyToOne(() => BillingCustomer)
      parent!: BillingCustomer;

      @Column({ type: 'enum', enum: ['person', 'company'], enumName: 'kind' })
      kind!: string;
    }
    // Never connected: entitySchema only builds the metadata.
    const ds = new DataSource({ type: 'postgres', entities: [Customer, BillingCustomer] });
    const model = await entitySchema(ds, 'postgres', { defaultSchema: 'public' });
    expect([...model.tables.keys()]).toEqual(['customer', 'billing.customer']);
    expect(table(model, 'customer').schema).toBeUndefined();
    const billing = table(model, 'billing.customer');
    expect(billing.schema).toBe('billing');
    expect(billing.foreignKeys.map((fk) => [fk.columns[0], fk.referredSchema, fk.referredTable])).toEqual([
      ['ownerId', undefined, 'customer'],
      ['parentId', 'billing', 'customer'],
    ]);
    expect(billing.columns.find((c) => c.name === 'kind')).toMatchObject({ type: 'billing.kind', enumName: 'billing.kind' });
    expect([...model.enums]).toEqual([['billing.kind', ['person', 'company']]]);
    // Not knowing the default schema, an entity naming it keeps it.
    expect([...(await entitySchema(ds, 'postgres')).tables.keys()]).toEqual(['public.customer', 'billing.customer']);
  });

  it('round-trips: the ops compareSchemas makes, applied to an empty SQLite database, leave no differences', async () => {
    const database = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await database.initialize();
    const runner = database.createQueryRunner();
    try {
      const empty = await introspect(runner, 'sqlite');
      const first = compareSchemas(schema, empty);
      expect(first.ops.map((op) => op.constructor.name)).toEqual(['CreateTableOp', 'CreateTableOp', 'CreateTableOp', 'CreateTableOp']);
      for (const op of first.ops) for (const sql of render('sqlite', op)) await runner.query(sql);
      const again = compareSchemas(schema, await introspect(runner, 'sqlite'));
      expect(again.ops).toEqual([]);
      // And with server defaults compared too.
      expect(compareSchemas(schema, await introspect(runner, 'sqlite'), { compareServerDefault: true }).ops).toEqual([]);
    } finally {
      await runner.release();
      await database.destroy();
    }
  });
});
