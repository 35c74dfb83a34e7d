import type { Dialect } from '../operations/migration-ops';
import { dialectFor } from './registry';

const normalizeType = (dialect: Dialect, rawType: string) => dialectFor(dialect).schema.normalizeType(rawType);

describe('normalizeType', () => {
  it.each([
    ['integer', 'integer'],
    ['character varying(50)', 'varchar(50)'],
    ['character varying', 'varchar'],
    ['character(3)', 'char(3)'],
    ['timestamp without time zone', 'timestamp'],
    ['timestamp with time zone', 'timestamp with time zone'],
    ['time without time zone', 'time'],
    ['numeric(10,2)', 'numeric(10,2)'],
    ['double precision', 'float'],
    ['bytea', 'blob'],
    ['jsonb', 'jsonb'],
    ['integer[]', 'integer[]'],
    ['character varying[]', 'varchar[]'],
    ['character varying(20)[]', 'varchar(20)[]'],
    ['integer[][]', 'integer[][]'],
    ['timestamp(3) without time zone', 'timestamp(3)'],
    ['timestamp(3) with time zone', 'timestamp(3) with time zone'],
    ['time(0) without time zone', 'time(0)'],
    ['real', 'real'],
  ])('postgres %s -> %s', (raw, portable) => expect(normalizeType('postgres', raw)).toBe(portable));

  it.each([
    ['int(11)', 'integer'],
    ['int', 'integer'],
    ['bigint(20)', 'bigint'],
    ['smallint(6)', 'smallint'],
    ['tinyint(1)', 'boolean'],
    ['tinyint(4)', 'tinyint'],
    ['int(10) unsigned', 'integer unsigned'],
    ['bigint(20) unsigned zerofill', 'bigint unsigned zerofill'],
    ['decimal(10,2) unsigned', 'numeric(10,2) unsigned'],
    ['varchar(50)', 'varchar(50)'],
    ['decimal(10,2)', 'numeric(10,2)'],
    ['datetime', 'timestamp'],
    ['datetime(6)', 'timestamp(6)'],
    ['time(3)', 'time(3)'],
    ['timestamp', 'timestamp'],
    ['double', 'float'],
    ['float', 'real'],
    ['longtext', 'longtext'],
    ["enum('a','b')", "enum('a','b')"],
    ["ENUM('Open','Closed')", "enum('Open','Closed')"],
    ['uuid', 'uuid'],
  ])('mysql %s -> %s', (raw, portable) => expect(normalizeType('mysql', raw)).toBe(portable));

  it.each([
    ['INTEGER', 'integer'],
    ['INT', 'integer'],
    ['VARCHAR(50)', 'varchar(50)'],
    ['NUMERIC(10, 2)', 'numeric(10,2)'],
    ['DECIMAL(10,2)', 'numeric(10,2)'],
    ['BOOLEAN', 'boolean'],
    ['TIMESTAMP', 'timestamp'],
    ['DATETIME', 'timestamp'],
    ['REAL', 'float'],
    ['double precision', 'float'],
    ['CHAR(36)', 'char(36)'],
    ['', ''],
  ])('sqlite %s -> %s', (raw, portable) => expect(normalizeType('sqlite', raw)).toBe(portable));
});
