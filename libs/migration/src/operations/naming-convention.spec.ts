import { MigrationError } from '../errors';
import { DefaultNamingStrategy } from 'typeorm';
import { conventionalName, DEFAULT_NAMING_CONVENTION, resolveNamingConvention, truncateName } from './naming-convention';
import { f } from './schema-objects';

describe('naming conventions', () => {
  const subject = { tableName: 'book', columns: ['author_id', 'isbn'], referredTable: 'author', referredColumns: ['id'] };

  it.each([
    ['ix', 'ix_book_author_id_isbn'],
    ['uq', 'uq_book_author_id_isbn'],
    ['fk', 'fk_book_author_id_isbn_author'],
    ['pk', 'pk_book'],
  ] as const)('names an unnamed %s by the default convention, with every column', (kind, name) => {
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, kind, null, subject)).toBe(name);
  });

  it('names a one-column index or key as earlier versions did', () => {
    const one = { ...subject, columns: ['author_id'] };
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'ix', null, one)).toBe('ix_book_author_id');
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'uq', null, one)).toBe('uq_book_author_id');
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'fk', null, one)).toBe('fk_book_author_id_author');
  });

  it('shortens a name longer than 63 characters as SQLAlchemy does: its beginning, _ and four hex digits of its MD5', () => {
    const long = { tableName: 'customer_subscription_renewal_events', columns: ['subscription_id', 'renewal_period_start'] };
    const name = conventionalName(DEFAULT_NAMING_CONVENTION, 'ix', null, long);
    // ix_customer_subscription_renewal_events_subscription_id_renewal_period_start is 76 long;
    // SQLAlchemy 1.4 names this index the same on PostgreSQL.
    expect(name).toBe('ix_customer_subscription_renewal_events_subscription_id_0832');
    expect(name).toHaveLength(60);
    const other = conventionalName(DEFAULT_NAMING_CONVENTION, 'ix', null, { ...long, columns: ['subscription_id', 'renewal_period_end'] });
    expect(other?.slice(0, 55)).toBe(name?.slice(0, 55));
    expect(other).not.toBe(name);
    expect(truncateName('x'.repeat(63))).toBe('x'.repeat(63));
  });

  it("names by a TypeORM naming strategy with 'typeorm', as synchronize does", () => {
    const convention = resolveNamingConvention('typeorm', () => new DefaultNamingStrategy());
    const strategy = new DefaultNamingStrategy();
    expect(conventionalName(convention, 'ix', null, { ...subject, where: 'isbn IS NOT NULL' })).toBe(
      strategy.indexName('book', ['author_id', 'isbn'], 'isbn IS NOT NULL'),
    );
    expect(conventionalName(convention, 'ix', null, subject)).toMatch(/^IDX_[0-9a-f]{26}$/);
    expect(conventionalName(convention, 'uq', null, subject)).toBe(strategy.uniqueConstraintName('book', ['author_id', 'isbn']));
    expect(conventionalName(convention, 'fk', null, subject)).toBe(
      strategy.foreignKeyName('book', ['author_id', 'isbn'], 'author', ['id']),
    );
    expect(conventionalName(convention, 'pk', null, subject)).toBe(strategy.primaryKeyName('book', ['author_id', 'isbn']));
    expect(conventionalName(convention, 'ck', null, { tableName: 'book', columns: [], condition: "isbn <> ''" })).toBe(
      strategy.checkConstraintName('book', "isbn <> ''"),
    );
    // A given name is kept, as TypeORM keeps it.
    expect(conventionalName(convention, 'ck', 'positive', { tableName: 'book', columns: [] })).toBe('positive');
    expect(resolveNamingConvention({ ix: 'i_%(column_0_name)s' }, () => new DefaultNamingStrategy())).toEqual({
      ...DEFAULT_NAMING_CONVENTION,
      ix: 'i_%(column_0_name)s',
    });
  });

  it('keeps a given name unless the template uses %(constraint_name)s', () => {
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'uq', 'isbn_once', subject)).toBe('isbn_once');
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'ck', 'positive', { tableName: 'book', columns: [] })).toBe('ck_book_positive');
  });

  it('never changes a final name (op.f)', () => {
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'ck', f('my_check'), subject)).toBe('my_check');
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, 'ix', f('by_isbn'), subject)).toBe('by_isbn');
  });

  it('fills every column token and the referred column', () => {
    const convention = { ix: 'ix_%(table_name)s_%(column_0_N_name)s', uq: 'uq_%(column_0N_name)s', fk: 'fk_%(referred_column_0_name)s' };
    expect(conventionalName(convention, 'ix', null, subject)).toBe('ix_book_author_id_isbn');
    expect(conventionalName(convention, 'uq', null, subject)).toBe('uq_author_idisbn');
    expect(conventionalName(convention, 'fk', null, subject)).toBe('fk_id');
  });

  it('leaves a kind without a template unnamed', () => {
    expect(conventionalName({}, 'pk', null, subject)).toBeUndefined();
  });

  it('asks for a name when the template needs %(constraint_name)s', () => {
    const unnamed = () => conventionalName(DEFAULT_NAMING_CONVENTION, 'ck', null, { tableName: 'book', columns: [] });
    expect(unnamed).toThrow(MigrationError);
    expect(unnamed).toThrow(
      "The naming convention 'ck_%(table_name)s_%(constraint_name)s' for ck on table book needs %(constraint_name)s; give the constraint a name",
    );
  });
});
