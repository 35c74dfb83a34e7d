import {
  Check,
  ChildEntity,
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  TableInheritance,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Dialect } from '../../../src/operations/migration-ops';

/** A row to insert, by column name; values are literals (strings, numbers, null). */
export type Row = Record<string, string | number | null>;

/**
 * One realistic change to an app's entities. Every case's tables start with its name, so all
 * cases run as one history: the `before` entities are generated and applied, the seed rows
 * inserted, then the `after` entities generated and applied.
 */
export interface CorpusCase {
  /** The prefix of its tables. */
  readonly name: string;
  /** What it checks (the numbered points among them). */
  readonly covers: string;
  /** Where it runs; every dialect by default. */
  readonly dialects?: readonly Dialect[];
  /** The entities before the change; none for new entities. */
  readonly before?: (dialect: Dialect) => Function[];
  readonly after: (dialect: Dialect) => Function[];
  /** Rows inserted between the two steps, by table, in the `before` column names. */
  readonly seed?: Record<string, Row[]>;
  /** The rows expected after the second step, by table, in the `after` column names, ordered by the first column. */
  readonly survive?: Record<string, Row[]>;
  /** Rows the schema after the second step must take (inserted first), and rows it must refuse, by table. */
  readonly accepts?: Record<string, Row[]>;
  readonly refuses?: Record<string, Row[]>;
  /** What the second step's revision must say about this case's tables, as regular expressions; and what it must not. */
  readonly revisionHas?: (dialect: Dialect) => RegExp[];
  readonly revisionLacks?: (dialect: Dialect) => RegExp[];
  /** Where TypeORM's `synchronize` cannot build the `after` entities, so no schema to compare with. */
  readonly synchronizeFails?: { readonly dialects: readonly Dialect[]; readonly why: string };
  /** Column types that differ from synchronize's on purpose: dialect -> `table.column` -> both types (as snapshots spell them) and why. */
  readonly typesDifferOnPurpose?: Partial<Record<Dialect, Record<string, TypeDifference>>>;
}

export interface TypeDifference {
  readonly ours: string;
  readonly synchronize: string;
  readonly why: string;
}

// JSON values are text. TypeORM declares the column JSON, which SQLite gives NUMERIC affinity.
const SQLITE_JSON: TypeDifference = { ours: 'TEXT', synchronize: 'NUMERIC', why: 'a JSON column is TEXT, as JSON values are' };

// The column kinds users write most, on one table (issue 15's probes).
function everyKind(dialect: Dialect) {
  @Entity('kinds_all')
  class AllKinds {
    @PrimaryGeneratedColumn() id!: number;
    @Column() name!: string;
    @Column({ type: 'varchar', length: 40, nullable: true }) code!: string | null;
    @Column({ type: 'text', nullable: true }) body!: string | null;
    @Column({ type: 'int', default: 0 }) views!: number;
    @Column({ type: 'bigint', default: 0 }) total!: string;
    @Column({ default: true }) active!: boolean;
    @Column({ type: 'float', nullable: true }) score!: number | null;
    @Column({ type: 'double precision', nullable: true }) ratio!: number | null;
    @Column({ type: 'decimal', precision: 10, scale: 2, default: 0 }) price!: string;
    @Column({ type: 'date', nullable: true }) birthday!: string | null;
    @Column({ nullable: true }) seenAt!: Date;
    @Column({ type: 'simple-json', nullable: true }) prefs!: unknown;
    @Column({ type: 'simple-array', nullable: true }) labels!: string[];
    @Column({ type: 'json', nullable: true }) data!: unknown;
    @Column({ type: 'varchar', length: 20, default: 'draft' }) state!: string;
  }
  if (dialect === 'mysql') Column({ type: 'int', unsigned: true, default: 0 })(AllKinds.prototype, 'hits');
  // TypeORM has no char or uuid column type on SQLite.
  if (dialect !== 'sqlite') {
    Column({ type: 'uuid', nullable: true })(AllKinds.prototype, 'ref');
    Column({ type: 'char', length: 2, default: 'EU' })(AllKinds.prototype, 'region');
  }
  return [AllKinds];
}

/** Two versions of a table with the same rows. */
function widening(wide: boolean, dialect: Dialect) {
  @Entity('widen_items')
  class Item {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: wide ? 200 : 50 }) title!: string;
    @Column({ type: wide ? 'bigint' : 'int' }) count!: string;
    @Column({ type: 'decimal', precision: wide ? 12 : 10, scale: wide ? 4 : 2 }) price!: string;
    @Column({ type: 'simple-enum', enum: wide ? ['a', 'b', 'c'] : ['a', 'b'], default: 'a' }) grade!: string;
  }
  void dialect;
  return [Item];
}

function narrowing(narrow: boolean) {
  @Entity('narrow_items')
  class Item {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: narrow ? 50 : 200 }) title!: string;
  }
  return [Item];
}

function notNull(required: boolean) {
  @Entity('notnull_items')
  class Item {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 30, nullable: !required }) title!: string;
  }
  return [Item];
}

function defaults(changed: boolean) {
  @Entity('defaults_items')
  class Item {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 20, default: changed ? 'new' : 'draft' }) state!: string;
    @Column({ type: 'int', ...(changed ? {} : { default: 5 }) }) rank!: number;
    @Column({ type: 'int', ...(changed ? { default: 1 } : {}), nullable: true }) level!: number | null;
    @Column({ default: !changed }) active!: boolean;
  }
  return [Item];
}

function indexes(dialect: Dialect) {
  @Entity('indexes_posts')
  @Index(['status', 'views'])
  class Post {
    @PrimaryGeneratedColumn() id!: number;
    @Index() @Column({ type: 'varchar', length: 20 }) status!: string;
    @Column({ type: 'int', default: 0 }) views!: number;
    @Index({ unique: true }) @Column({ type: 'varchar', length: 40 }) slug!: string;
  }
  // A partial index (TypeORM leaves the condition out on MySQL, which has none).
  Index(['views'], { where: dialect === 'mysql' ? undefined : 'views > 0' })(Post);
  return [Post];
}

function uniques(withKeys: boolean) {
  @Entity('uniques_users')
  class User {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 80, unique: withKeys }) email!: string;
    @Column({ type: 'int', default: 1 }) tenant!: number;
  }
  if (withKeys) Unique(['email', 'tenant'])(User);
  return [User];
}

function relations(changed: boolean) {
  @Entity('relations_authors')
  class Author {
    @PrimaryGeneratedColumn() id!: number;
    @ManyToOne(() => Author, { nullable: true, onDelete: 'SET NULL' }) mentor!: Author | null;
  }
  @Entity('relations_books')
  class Book {
    @PrimaryGeneratedColumn() id!: number;
    @ManyToOne(() => Author, { onDelete: changed ? 'SET NULL' : 'CASCADE', nullable: true }) author!: Author | null;
  }
  @Entity('relations_profiles')
  class Profile {
    @PrimaryGeneratedColumn() id!: number;
    @OneToOne(() => Author) @JoinColumn() owner!: Author;
  }
  return changed ? [Author, Book, Profile] : [Author, Book];
}

function manyToMany(linked: boolean) {
  @Entity('m2m_tags')
  class Tag {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 30 }) label!: string;
  }
  @Entity('m2m_posts')
  class Post {
    @PrimaryGeneratedColumn() id!: number;
  }
  if (linked) {
    ManyToMany(() => Tag)(Post.prototype, 'tags');
    JoinTable()(Post.prototype, 'tags');
  }
  return [Tag, Post];
}

function enums(dialect: Dialect, more: boolean) {
  const values = more ? ['open', 'closed', 'waiting'] : ['open', 'closed'];
  @Entity('enums_tickets')
  class Ticket {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'simple-enum', enum: values, default: 'open' }) state!: string;
  }
  if (dialect !== 'sqlite')
    Column({ type: 'enum', enum: values, enumName: 'enums_priority', default: 'open' })(Ticket.prototype, 'priority');
  return [Ticket];
}

function checks(edited: boolean) {
  @Entity('checks_products')
  @Check('price_positive', edited ? 'price >= 10' : 'price > 0')
  @Check('qty BETWEEN 1 AND 100')
  class Product {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'int' }) price!: number;
    @Column({ type: 'int', default: 1 }) qty!: number;
  }
  return [Product];
}

function renames(renamed: boolean) {
  @Entity(renamed ? { name: 'renames_writers' } : {})
  class RenamesAuthor {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 60, ...(renamed ? { name: 'full_name' } : {}) }) fullName!: string;
    @Column({ type: 'int', default: 0, ...(renamed ? { name: 'post_count' } : {}) }) postCount!: number;
  }
  return [RenamesAuthor];
}

function removals(removed: boolean) {
  @Entity('removals_keep')
  class Keep {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 20 }) name!: string;
  }
  if (!removed) Column({ type: 'varchar', length: 20, nullable: true })(Keep.prototype, 'legacy');
  @Entity('removals_gone')
  class Gone {
    @PrimaryGeneratedColumn() id!: number;
  }
  return removed ? [Keep] : [Keep, Gone];
}

class Money {
  @Column({ type: 'decimal', precision: 10, scale: 2, default: 0 }) amount!: string;
  @Column({ type: 'varchar', length: 3, default: 'EUR' }) currency!: string;
}

function embedded(withPrice: boolean) {
  @Entity('embedded_orders')
  class Order {
    @PrimaryGeneratedColumn() id!: number;
  }
  if (withPrice) Column(() => Money)(Order.prototype, 'price');
  return [Order];
}

function dates(stamped: boolean) {
  @Entity('dates_events')
  class Event {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 20 }) name!: string;
  }
  if (stamped) {
    CreateDateColumn()(Event.prototype, 'createdAt');
    UpdateDateColumn()(Event.prototype, 'updatedAt');
    DeleteDateColumn()(Event.prototype, 'deletedAt');
  }
  return [Event];
}

function versioned(withVersion: boolean) {
  @Entity('version_docs')
  class Doc {
    @PrimaryGeneratedColumn() id!: number;
  }
  if (withVersion) VersionColumn()(Doc.prototype, 'version');
  return [Doc];
}

function uuidKeys() {
  @Entity('uuid_accounts')
  class Account {
    @PrimaryGeneratedColumn('uuid') id!: string;
    @Column({ type: 'varchar', length: 30 }) name!: string;
  }
  @Entity('uuid_sessions')
  class Session {
    @PrimaryGeneratedColumn('uuid') id!: string;
    @ManyToOne(() => Account, { onDelete: 'CASCADE' }) account!: Account;
  }
  return [Account, Session];
}

function json(withMeta: boolean) {
  @Entity('json_docs')
  class Doc {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'json', nullable: true }) body!: unknown;
  }
  if (withMeta) Column({ type: 'simple-json', nullable: true })(Doc.prototype, 'meta');
  return [Doc];
}

function otherSchema(withNote: boolean) {
  @Entity({ name: 'schema_invoices', schema: 'corpus_billing' })
  class Invoice {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'int' }) amount!: number;
  }
  if (withNote) Column({ type: 'varchar', length: 40, nullable: true })(Invoice.prototype, 'note');
  return [Invoice];
}

function inheritance(withIsbn: boolean) {
  @Entity('inherit_items')
  @TableInheritance({ column: { type: 'varchar', length: 20, name: 'kind' } })
  class Item {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', length: 40 }) name!: string;
  }
  @ChildEntity('book')
  class Book extends Item {}
  if (withIsbn) Column({ type: 'varchar', length: 13, nullable: true })(Book.prototype, 'isbn');
  return [Item, Book];
}

function arrays(withScores: boolean) {
  @Entity('arrays_posts')
  class Post {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'varchar', array: true, default: '{}' }) tags!: string[];
  }
  if (withScores) Column({ type: 'int', array: true, nullable: true })(Post.prototype, 'scores');
  return [Post];
}

function bigintKeys() {
  @Entity('bigkey_events')
  class Event {
    @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
    @Column({ type: 'varchar', length: 20 }) name!: string;
  }
  @Entity('bigkey_codes')
  class Code {
    @PrimaryColumn({ type: 'varchar', length: 10 }) code!: string;
  }
  return [Event, Code];
}

/** The corpus: each numbered problem of issue 15 has a case. */
export const CORPUS: readonly CorpusCase[] = [
  {
    name: 'kinds',
    covers: 'a new entity with the column kinds users write most (issue 15 probes; 2, 4, 5)',
    after: everyKind,
    typesDifferOnPurpose: { sqlite: { 'kinds_all.data': SQLITE_JSON } },
  },
  {
    name: 'widen',
    covers: '3: widenings (varchar 50 -> 200, int -> bigint, numeric(10,2) -> (12,4), a new enum value) are not destructive',
    before: (d) => widening(false, d),
    after: (d) => widening(true, d),
    seed: { widen_items: [{ id: 1, title: 'first', count: 7, price: 12.5, grade: 'b' }] },
    survive: { widen_items: [{ id: 1, title: 'first', count: 7, price: 12.5, grade: 'b' }] },
    revisionHas: () => [/'widen_items'/],
    revisionLacks: () => [/DESTRUCTIVE: [^\n]*widen_items/],
  },
  {
    name: 'narrow',
    covers: '3: a narrowing is marked, with why',
    before: () => narrowing(false),
    after: () => narrowing(true),
    seed: { narrow_items: [{ id: 1, title: 'short' }] },
    survive: { narrow_items: [{ id: 1, title: 'short' }] },
    revisionHas: () => [/DESTRUCTIVE: changes narrow_items\.title from varchar\(200\) to varchar\(50\): longer values are cut or rejected/],
  },
  {
    name: 'notnull',
    covers: '3: NOT NULL on a column that allowed NULL is marked',
    before: () => notNull(false),
    after: () => notNull(true),
    seed: { notnull_items: [{ id: 1, title: 'set' }] },
    survive: { notnull_items: [{ id: 1, title: 'set' }] },
    refuses: { notnull_items: [{ id: 2, title: null }] },
    revisionHas: () => [/DESTRUCTIVE: makes notnull_items\.title NOT NULL: fails while rows hold NULL/],
  },
  {
    name: 'defaults',
    covers: '2: a changed, added and dropped default is seen without compareServerDefault',
    before: () => defaults(false),
    after: () => defaults(true),
    seed: { defaults_items: [{ id: 1, state: 'x', rank: 2, level: null }] },
    survive: { defaults_items: [{ id: 1, state: 'x', rank: 2, level: null }] },
    revisionHas: () => [/serverDefault: sqlText\("'new'"\)/, /serverDefault: sqlText\('1'\)/, /serverDefault: null/],
  },
  {
    name: 'indexes',
    covers: '1: an index on (status) beside one on (status, views), a unique and a partial index',
    after: indexes,
    revisionHas: () => [/ix_indexes_posts_status'/, /ix_indexes_posts_status_views'/],
    accepts: { indexes_posts: [{ id: 1, status: 'a', slug: 's' }] },
    refuses: { indexes_posts: [{ id: 2, status: 'b', slug: 's' }] },
  },
  {
    name: 'uniques',
    covers: '1: a unique column and a unique (email, tenant) added to a table with rows',
    before: () => uniques(false),
    after: () => uniques(true),
    seed: { uniques_users: [{ id: 1, email: 'a@x', tenant: 1 }] },
    survive: { uniques_users: [{ id: 1, email: 'a@x', tenant: 1 }] },
    revisionHas: (d) =>
      d === 'mysql'
        ? [/ix_uniques_users_email'/, /ix_uniques_users_email_tenant'/]
        : [/uq_uniques_users_email'/, /uq_uniques_users_email_tenant'/],
    refuses: { uniques_users: [{ id: 2, email: 'a@x', tenant: 2 }] },
  },
  {
    name: 'relations',
    covers: 'foreign keys, a changed ON DELETE, a self reference, a one-to-one (REL_)',
    before: () => relations(false),
    after: () => relations(true),
    seed: { relations_authors: [{ id: 1, mentorId: null }], relations_books: [{ id: 1, authorId: 1 }] },
    survive: { relations_books: [{ id: 1, authorId: 1 }] },
  },
  {
    name: 'm2m',
    covers: 'a many-to-many join table added',
    before: () => manyToMany(false),
    after: () => manyToMany(true),
    seed: { m2m_tags: [{ id: 1, label: 'news' }] },
    survive: { m2m_tags: [{ id: 1, label: 'news' }] },
  },
  {
    name: 'enums',
    covers: '6: a new enum value; on SQLite a check holds the values; on MySQL it is a widening',
    before: (d) => enums(d, false),
    after: (d) => enums(d, true),
    seed: { enums_tickets: [{ id: 1, state: 'closed' }] },
    survive: { enums_tickets: [{ id: 1, state: 'closed' }] },
    refuses: { enums_tickets: [{ id: 2, state: 'bogus' }] },
    revisionHas: (d) =>
      d === 'postgres'
        ? [/addEnumValue\('enums_tickets_state_enum', 'waiting'/]
        : d === 'sqlite'
          ? [/ck_enums_tickets_state/]
          : [/enum\('open','closed','waiting'\)/],
    revisionLacks: () => [/DESTRUCTIVE: [^\n]*enums_tickets/],
  },
  {
    name: 'checks',
    covers: '9: an unnamed check named by its columns; an edited named check replaced',
    before: () => checks(false),
    after: () => checks(true),
    seed: { checks_products: [{ id: 1, price: 20, qty: 3 }] },
    survive: { checks_products: [{ id: 1, price: 20, qty: 3 }] },
    refuses: {
      checks_products: [
        { id: 2, price: 5, qty: 3 },
        { id: 3, price: 20, qty: 500 },
      ],
    },
    revisionHas: () => [/ck_checks_products_price_positive/],
    revisionLacks: () => [/CHK_/],
  },
  {
    name: 'renames',
    covers: '7: a table and two columns the entities now name explicitly are renamed, keeping their rows',
    before: () => renames(false),
    after: () => renames(true),
    seed: { renames_author: [{ id: 1, fullName: 'Ada', postCount: 3 }] },
    survive: { renames_writers: [{ id: 1, full_name: 'Ada', post_count: 3 }] },
    revisionHas: () => [
      /\/\/ RENAMED: table renames_author is renamed renames_writers/,
      /\/\/ RENAMED: renames_writers\.fullName is renamed full_name/,
      /newColumnName: 'post_count'/,
    ],
    revisionLacks: () => [/dropColumn\('fullName'|dropColumn\('renames_writers'|dropTable\('renames_author'/],
  },
  {
    name: 'removals',
    covers: 'a dropped column and a dropped table are marked',
    before: () => removals(false),
    after: () => removals(true),
    seed: { removals_keep: [{ id: 1, name: 'kept', legacy: 'x' }] },
    survive: { removals_keep: [{ id: 1, name: 'kept' }] },
    revisionHas: () => [
      /DESTRUCTIVE: drops column removals_keep\.legacy and its data/,
      /DESTRUCTIVE: drops table removals_gone and its data/,
    ],
  },
  {
    name: 'embedded',
    covers: 'embedded columns added, with defaults, to a table with rows',
    before: () => embedded(false),
    after: () => embedded(true),
    seed: { embedded_orders: [{ id: 1 }] },
    survive: { embedded_orders: [{ id: 1, priceCurrency: 'EUR' }] },
  },
  {
    name: 'dates',
    covers: '4: create, update and delete date columns (MySQL: DATETIME(6), CURRENT_TIMESTAMP(6), ON UPDATE)',
    before: () => dates(false),
    after: () => dates(true),
    seed: { dates_events: [{ id: 1, name: 'launch' }] },
    survive: { dates_events: [{ id: 1, name: 'launch' }] },
    revisionHas: (d) => (d === 'mysql' ? [/type: 'timestamp\(6\)'/, /onUpdate: 'CURRENT_TIMESTAMP\(6\)'/] : []),
  },
  {
    name: 'version',
    covers: '9: a version column added NOT NULL without a default is marked in the file',
    before: () => versioned(false),
    after: () => versioned(true),
    revisionHas: () => [/DESTRUCTIVE: adds version_docs\.version NOT NULL without a default/],
  },
  {
    name: 'uuid',
    covers: 'uuid keys and a foreign key to one',
    after: uuidKeys,
  },
  {
    name: 'json',
    covers: 'json and simple-json columns',
    before: () => json(false),
    after: () => json(true),
    seed: { json_docs: [{ id: 1, body: '{"a":1}' }] },
    survive: { json_docs: [{ id: 1 }] },
    typesDifferOnPurpose: { sqlite: { 'json_docs.body': SQLITE_JSON } },
  },
  {
    name: 'schema',
    covers: 'a table in a second PostgreSQL schema (includeSchemas)',
    dialects: ['postgres'],
    before: () => otherSchema(false),
    after: () => otherSchema(true),
    seed: { 'corpus_billing.schema_invoices': [{ id: 1, amount: 5 }] },
    survive: { 'corpus_billing.schema_invoices': [{ id: 1, amount: 5, note: null }] },
  },
  {
    name: 'inherit',
    covers: 'single-table inheritance: a child entity adds a column to the parent table',
    before: () => inheritance(false),
    after: () => inheritance(true),
    seed: { inherit_items: [{ id: 1, name: 'Dune', kind: 'book' }] },
    survive: { inherit_items: [{ id: 1, name: 'Dune', kind: 'book', isbn: null }] },
  },
  {
    name: 'arrays',
    covers: '5: PostgreSQL array columns reach the fixpoint',
    dialects: ['postgres'],
    before: () => arrays(false),
    after: () => arrays(true),
    seed: { arrays_posts: [{ id: 1 }] },
    survive: { arrays_posts: [{ id: 1 }] },
  },
  {
    name: 'bigkey',
    covers: '5: a bigint increment key reaches the fixpoint (SQLite makes it INTEGER)',
    after: bigintKeys,
    synchronizeFails: { dialects: ['sqlite'], why: 'TypeORM writes BIGINT PRIMARY KEY AUTOINCREMENT, which SQLite refuses' },
  },
];
