import { MigrationError } from '../errors';
import { conventionalName, DEFAULT_NAMING_CONVENTION } from './naming-convention';
import { f } from './schema-objects';

describe('naming conventions', () => {
  const subject = { tableName: 'book', columns: ['author_id', 'isbn'], referredTable: 'author', referredColumns: ['id'] };

  it.each([
    ['ix', 'ix_book_author_id'],
    ['uq', 'uq_book_author_id'],
    ['fk', 'fk_book_author_id_author'],
    ['pk', 'pk_book'],
  ] as const)('names an unnamed %s by the default convention', (kind, name) => {
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, kind, null, subject)).toBe(name);
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
    expect(unnamed).toThrow("The naming convention 'ck_%(table_name)s_%(constraint_name)s' for ck on table book needs %(constraint_name)s; give the constraint a name");
  });
});
