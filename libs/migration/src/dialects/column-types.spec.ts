import { renderColumnType } from './registry';

describe('renderColumnType', () => {
  it.each([
    ['integer', 'INTEGER', 'INTEGER', 'INTEGER'],
    ['bigint', 'BIGINT', 'BIGINT', 'BIGINT'],
    ['varchar(50)', 'VARCHAR(50)', 'VARCHAR(50)', 'VARCHAR(50)'],
    ['text', 'TEXT', 'TEXT', 'TEXT'],
    ['boolean', 'BOOLEAN', 'BOOLEAN', 'BOOLEAN'],
    ['timestamp', 'TIMESTAMP', 'DATETIME', 'TIMESTAMP'],
    ['timestamp with time zone', 'TIMESTAMP WITH TIME ZONE', 'DATETIME', 'TIMESTAMP'],
    ['timestamptz', 'TIMESTAMP WITH TIME ZONE', 'DATETIME', 'TIMESTAMP'],
    ['date', 'DATE', 'DATE', 'DATE'],
    ['numeric(10,2)', 'NUMERIC(10, 2)', 'NUMERIC(10, 2)', 'NUMERIC(10, 2)'],
    ['json', 'JSON', 'JSON', 'TEXT'],
    ['uuid', 'UUID', 'CHAR(36)', 'CHAR(36)'],
    ['float', 'DOUBLE PRECISION', 'DOUBLE', 'REAL'],
    ['real', 'REAL', 'FLOAT', 'REAL'],
    ['timestamp(6)', 'TIMESTAMP(6)', 'DATETIME(6)', 'TIMESTAMP(6)'],
    ['time(3)', 'TIME(3)', 'TIME(3)', 'TIME(3)'],
    ['VarChar( 20 )', 'VARCHAR(20)', 'VARCHAR(20)', 'VARCHAR(20)'],
  ])('%s is %s on postgres, %s on mysql, %s on sqlite', (type, postgres, mysql, sqlite) => {
    expect([renderColumnType('postgres', type), renderColumnType('mysql', type), renderColumnType('sqlite', type)]).toEqual([
      postgres,
      mysql,
      sqlite,
    ]);
  });

  it.each(['mood', 'int[]', "enum('a','b')", 'geometry(Point, 4326)', 'jsonb'])('passes %s through as written', (type) => {
    expect(renderColumnType('postgres', type)).toBe(type);
    expect(renderColumnType('mysql', type)).toBe(type);
  });
});
