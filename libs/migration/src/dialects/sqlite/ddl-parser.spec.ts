import { parseCreateIndex, parseCreateTable } from './ddl-parser';

describe('parseCreateTable', () => {
  it('reads named table-level constraints', () => {
    const parsed = parseCreateTable(`CREATE TABLE "orders" (
      "id" INTEGER NOT NULL,
      "user_id" INTEGER NOT NULL,
      "code" VARCHAR(10) DEFAULT ('A(1)'),
      "price" NUMERIC(10, 2),
      CONSTRAINT "pk_orders" PRIMARY KEY ("id"),
      CONSTRAINT uq_orders_user_code UNIQUE (user_id, code),
      CONSTRAINT [ck_price] CHECK (price > 0 AND code <> 'CHECK (x)'),
      CONSTRAINT \`fk_orders_user\` FOREIGN KEY (user_id) REFERENCES "users" ("id") ON DELETE CASCADE
    )`);
    expect(parsed).toEqual({
      primaryKey: { name: 'pk_orders', columns: ['id'] },
      uniques: [{ name: 'uq_orders_user_code', columns: ['user_id', 'code'] }],
      checks: [{ name: 'ck_price', condition: "price > 0 AND code <> 'CHECK (x)'" }],
      foreignKeys: [{ name: 'fk_orders_user', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] }],
    });
  });

  it('reads column-level constraints, named and not, and AUTOINCREMENT', () => {
    const parsed = parseCreateTable(`CREATE TABLE t (
      id INTEGER CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT,
      email TEXT NOT NULL CONSTRAINT uq_email UNIQUE, -- a comment, with UNIQUE in it
      age INTEGER CHECK (age >= 0) DEFAULT (0),
      parent_id INTEGER REFERENCES t ON DELETE SET NULL,
      /* PRIMARY KEY in a comment */ owner INTEGER CONSTRAINT fk_owner REFERENCES users(id),
      UNIQUE (age, "email"),
      CHECK (length(email) > 3)
    )`);
    expect(parsed).toEqual({
      primaryKey: { name: 'pk_t', columns: ['id'] },
      autoincrementColumn: 'id',
      uniques: [{ name: 'uq_email', columns: ['email'] }, { columns: ['age', 'email'] }],
      checks: [{ condition: 'age >= 0' }, { condition: 'length(email) > 3' }],
      foreignKeys: [
        { columns: ['parent_id'], referredTable: 't', referredColumns: [] },
        { name: 'fk_owner', columns: ['owner'], referredTable: 'users', referredColumns: ['id'] },
      ],
    });
  });

  it('reads an unnamed composite primary key and quoted names with escaped quotes', () => {
    const parsed = parseCreateTable('CREATE TABLE "a""b" ("x""y" INT, z INT, PRIMARY KEY ("x""y", z DESC))');
    expect(parsed).toEqual({ primaryKey: { columns: ['x"y', 'z'] }, uniques: [], checks: [], foreignKeys: [] });
  });

  it('refuses text that is not a CREATE TABLE', () => {
    expect(() => parseCreateTable('SELECT 1')).toThrow('not a CREATE TABLE statement');
  });
});

describe('parseCreateIndex', () => {
  it('reads plain columns', () => {
    expect(parseCreateIndex('CREATE UNIQUE INDEX "ix" ON "t" ("a", b DESC)')).toEqual({
      elements: [
        { text: '"a"', column: 'a' },
        { text: 'b', column: 'b' },
      ],
    });
  });

  it('reads expressions and a partial predicate', () => {
    expect(parseCreateIndex("CREATE INDEX ix ON t (lower(name), (a + b)) WHERE status = 'open' AND a IS NOT NULL")).toEqual({
      elements: [{ text: 'lower(name)' }, { text: '(a + b)' }],
      where: "status = 'open' AND a IS NOT NULL",
    });
  });
});
