import { slugify } from './slug';

describe('slugify (Alembic _rev_path)', () => {
  it.each([
    ['Add users table', 'add_users_table'],
    ["Drop 'orders'.status, add index!", 'drop_orders_status_add_index'],
    ['Ünïcode Wörds 42', 'ünïcode_wörds_42'],
    ['', ''],
    [undefined, ''],
  ])('%s -> %s', (message, slug) => {
    expect(slugify(message)).toBe(slug);
  });

  it('cuts a long slug back to the last underscore within 40 characters and ends it in _', () => {
    expect(slugify('Add a column to the accounts table for the billing address')).toBe('add_a_column_to_the_accounts_table_for_');
  });

  it('keeps a 40-character slug whole and cuts one word with no underscore at the limit', () => {
    expect(slugify('a'.repeat(40))).toBe('a'.repeat(40));
    expect(slugify('a'.repeat(41))).toBe(`${'a'.repeat(40)}_`);
    expect(slugify('abc def', 5)).toBe('abc_');
  });
});
