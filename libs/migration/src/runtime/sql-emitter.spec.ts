import type { QueryRunner } from 'typeorm';
import { MigrationError } from '../errors';
import { OfflineSqlEmitter, OnlineSqlEmitter, quoteIdentifier, renderLiteral, renderStatement } from './sql-emitter';

function offline(dialect: 'sqlite' | 'postgres' | 'mysql') {
  const chunks: string[] = [];
  return { emitter: new OfflineSqlEmitter(dialect, (text) => chunks.push(text)), chunks };
}

describe('OfflineSqlEmitter', () => {
  it("writes the statement, ';', a newline and a blank line, and reports nothing affected", async () => {
    const { emitter, chunks } = offline('postgres');
    const result = await emitter.execute('CREATE TABLE t (id INTEGER)');
    expect(chunks).toEqual(['CREATE TABLE t (id INTEGER);\n\n']);
    expect(result).toEqual({ affected: undefined, rows: [] });
    expect(emitter.isOffline).toBe(true);
    expect(emitter.dialect).toBe('postgres');
  });

  it('adds exactly one terminator to a statement that already ends with one', async () => {
    const { emitter, chunks } = offline('sqlite');
    await emitter.execute('DELETE FROM t;  \n');
    expect(chunks.join('')).toBe('DELETE FROM t;\n\n');
  });

  it.each([
    ['sqlite', 'INSERT INTO t VALUES (?, ?, ?, ?)', "INSERT INTO t VALUES ('it''s', 42, NULL, 1)"],
    ['mysql', 'INSERT INTO t VALUES (?, ?, ?, ?)', "INSERT INTO t VALUES ('it''s', 42, NULL, TRUE)"],
    ['postgres', 'INSERT INTO t VALUES ($1, $2, $3, $4)', "INSERT INTO t VALUES ('it''s', 42, NULL, TRUE)"],
  ] as const)('inlines parameters as literals on %s', async (dialect, sql, expected) => {
    const { emitter, chunks } = offline(dialect);
    await emitter.execute(sql, ["it's", 42, null, true]);
    expect(chunks.join('')).toBe(`${expected};\n\n`);
  });

  it('never touches a query runner', async () => {
    // OfflineSqlEmitter takes no connection at all; the type makes this structural, the test documents it.
    const { emitter } = offline('mysql');
    await expect(emitter.execute('SELECT ?', [1])).resolves.toEqual({ affected: undefined, rows: [] });
  });
});

describe('renderStatement', () => {
  it('leaves placeholders inside strings, quoted identifiers and comments alone', () => {
    expect(renderStatement('sqlite', `SELECT '?', "a?b", ? -- what?\n`, ['x'])).toBe(`SELECT '?', "a?b", 'x' -- what?`);
    expect(renderStatement('mysql', "SELECT 'it\\'s ?', `c?`, ? /* ? */", [1])).toBe("SELECT 'it\\'s ?', `c?`, 1 /* ? */");
    expect(renderStatement('postgres', "SELECT '$1', $$ $1 $$, $tag$ $2 $tag$, $2, $1", ['a', 'b'])).toBe(
      "SELECT '$1', $$ $1 $$, $tag$ $2 $tag$, 'b', 'a'",
    );
  });

  it("does not read postgres's ? operator as a placeholder", () => {
    expect(renderStatement('postgres', "SELECT data ? 'key' FROM t WHERE id = $1", [7])).toBe("SELECT data ? 'key' FROM t WHERE id = 7");
  });

  it('gives a statement without parameters or placeholder characters back as it is, less its terminator', () => {
    expect(renderStatement('sqlite', 'INSERT INTO t SELECT \'a$1\', "b" FROM u;\n')).toBe('INSERT INTO t SELECT \'a$1\', "b" FROM u');
    expect(renderStatement('postgres', "SELECT 'what?' -- ok?")).toBe("SELECT 'what?' -- ok?");
    expect(() => renderStatement('postgres', 'SELECT $1')).toThrow('it has a placeholder for parameter 1 but 0 parameter(s) were given');
  });

  it('refuses a placeholder without a parameter, and a parameter without a placeholder', () => {
    expect(() => renderStatement('sqlite', 'SELECT ?, ?', [1])).toThrow(
      'Cannot render the statement for --sql: it has a placeholder for parameter 2 but 1 parameter(s) were given',
    );
    expect(() => renderStatement('postgres', 'SELECT $1', [1, 2])).toThrow(
      'Cannot render the statement for --sql: 2 parameter(s) were given but it uses 1',
    );
  });
});

describe('renderLiteral', () => {
  it.each([
    ['sqlite', "O'Brien \\ x", "'O''Brien \\ x'"],
    ['postgres', "O'Brien \\ x", "'O''Brien \\ x'"],
    ['mysql', "O'Brien \\ x", "'O''Brien \\\\ x'"],
  ] as const)('quotes and escapes strings on %s', (dialect, value, expected) => {
    expect(renderLiteral(dialect, value)).toBe(expected);
  });

  it('renders numbers, bigints, null, undefined and booleans', () => {
    expect(renderLiteral('postgres', -1.5)).toBe('-1.5');
    expect(renderLiteral('mysql', 12345678901234567890n)).toBe('12345678901234567890');
    expect(renderLiteral('sqlite', null)).toBe('NULL');
    expect(renderLiteral('sqlite', undefined)).toBe('NULL');
    expect([renderLiteral('sqlite', true), renderLiteral('sqlite', false)]).toEqual(['1', '0']);
    expect([renderLiteral('postgres', true), renderLiteral('mysql', false)]).toEqual(['TRUE', 'FALSE']);
  });

  it('renders a Date in UTC', () => {
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(renderLiteral('sqlite', date)).toBe("'2024-01-02 03:04:05.678'");
    expect(renderLiteral('mysql', date)).toBe("'2024-01-02 03:04:05.678'");
    expect(renderLiteral('postgres', date)).toBe("'2024-01-02 03:04:05.678+00'");
  });

  it('renders binary as hex', () => {
    expect(renderLiteral('sqlite', Buffer.from([0xde, 0xad]))).toBe("X'dead'");
    expect(renderLiteral('postgres', Buffer.from([0xde, 0xad]))).toBe("'\\xdead'::bytea");
  });

  it('refuses what it cannot render, naming the parameter', () => {
    expect(() => renderLiteral('postgres', { a: 1 }, 2)).toThrow(MigrationError);
    expect(() => renderLiteral('postgres', { a: 1 }, 2)).toThrow(
      'Cannot render parameter 3 (a object) as a SQL literal for --sql; pass a string, number, boolean, null, Date or Buffer',
    );
    expect(() => renderLiteral('sqlite', Number.NaN)).toThrow('Cannot render parameter 1 (NaN)');
  });
});

describe('quoteIdentifier', () => {
  it('uses double quotes on sqlite and postgres and backticks on mysql, doubling embedded quotes', () => {
    expect(quoteIdentifier('sqlite', 'a"b')).toBe('"a""b"');
    expect(quoteIdentifier('postgres', 'version')).toBe('"version"');
    expect(quoteIdentifier('mysql', 'a`b')).toBe('`a``b`');
  });
});

describe('OnlineSqlEmitter', () => {
  it('runs through queryRunner.query with useStructuredResult and passes on records and affected', async () => {
    const query = jest.fn().mockResolvedValue({ records: [{ n: 1 }], affected: 1 });
    const emitter = new OnlineSqlEmitter({ query } as unknown as QueryRunner, 'postgres');
    await expect(emitter.execute('UPDATE t SET a = $1', ['x'])).resolves.toEqual({ affected: 1, rows: [{ n: 1 }] });
    expect(query).toHaveBeenCalledWith('UPDATE t SET a = $1', ['x'], true);
    expect(emitter.isOffline).toBe(false);
  });

  it('gives empty rows when the driver returns no records', async () => {
    const query = jest.fn().mockResolvedValue({ affected: undefined });
    const emitter = new OnlineSqlEmitter({ query } as unknown as QueryRunner, 'sqlite');
    await expect(emitter.execute('CREATE TABLE t (a INTEGER)')).resolves.toEqual({ affected: undefined, rows: [] });
    expect(query).toHaveBeenCalledWith('CREATE TABLE t (a INTEGER)', [], true);
  });
});
