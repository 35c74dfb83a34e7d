import { effectiveType, needsUsing, sameType, typeChangeRisk } from './types';
import { normalizeDefault } from './server-defaults';
import { orderByReferences } from './table-order';

describe('effectiveType and sameType', () => {
  it.each([
    ['sqlite', 'json', 'text'],
    ['sqlite', 'uuid', 'char(36)'],
    ['sqlite', 'float', 'float'],
    ['mysql', 'uuid', 'char(36)'],
    ['mysql', 'numeric', 'numeric(10,0)'],
    ['mysql', 'timestamp', 'timestamp'],
    ['mysql', 'timestamp(6)', 'timestamp(6)'],
    ['mysql', 'boolean', 'tinyint'],
    ['mysql', 'real', 'real'],
    ['mysql', 'float', 'float'],
    ['postgres', 'float', 'float'],
    ['postgres', 'decimal(10, 2)', 'numeric(10,2)'],
    ['postgres', 'post_state', 'post_state'],
  ] as const)('%s: %s is read back as %s', (dialect, type, effective) => {
    expect(effectiveType(dialect, type)).toBe(effective);
  });

  it('tells different types apart', () => {
    expect(sameType('postgres', 'varchar(50)', 'varchar(51)')).toBe(false);
    expect(sameType('postgres', 'int', 'integer')).toBe(true);
  });
});

describe('typeChangeRisk', () => {
  it.each([
    ['varchar(50)', 'varchar(100)', undefined],
    ['varchar(50)', 'varchar(200)', undefined],
    ['varchar(100)', 'varchar(50)', 'longer values are cut or rejected'],
    ['varchar(100)', 'text', undefined],
    ['text', 'varchar(100)', 'longer values are cut or rejected'],
    ['smallint', 'bigint', undefined],
    ['integer', 'bigint', undefined],
    ['bigint', 'integer', 'larger values are rejected'],
    ['integer', 'numeric', undefined],
    ['integer', 'float', undefined],
    ['bigint', 'float', 'large values lose precision'],
    ['numeric(10,2)', 'numeric(12,2)', undefined],
    ['numeric(10,2)', 'numeric(12,4)', undefined],
    ['numeric(10,2)', 'numeric(10,1)', 'values are rounded to fewer decimal places'],
    ['numeric(10,2)', 'numeric(10,4)', 'larger values are rejected'],
    ['real', 'float', undefined],
    ['float', 'real', 'values lose precision'],
    ['float', 'integer', 'values may not convert'],
    ['date', 'timestamp', undefined],
    ['timestamp', 'date', 'the time of day is lost'],
    ['timestamp(3)', 'timestamp', undefined],
    ['timestamp', 'timestamp(3)', 'fractional seconds are rounded away'],
    ['timestamp(6) with time zone', 'timestamp(0) with time zone', 'fractional seconds are rounded away'],
    ['timestamp', 'timestamp with time zone', undefined],
    ['text', 'integer', 'values may not convert'],
    ['integer', 'text', undefined],
    ['json', 'jsonb', undefined],
  ] as const)('postgres %s -> %s: %s', (from, to, risk) => {
    expect(typeChangeRisk('postgres', from, to)).toBe(risk);
  });

  it.each([
    ["enum('a','b')", "enum('a','b','c')", undefined],
    ["enum('a','b','c')", "enum('a','c')", "drops enum values 'b'; rows holding them are rejected or emptied"],
    ['timestamp', 'timestamp(6)', undefined],
    ['timestamp(6)', 'timestamp', 'fractional seconds are rounded away'],
    ['boolean', 'tinyint', undefined],
    ['integer', 'bigint', undefined],
  ] as const)('mysql %s -> %s: %s', (from, to, risk) => {
    expect(typeChangeRisk('mysql', from, to)).toBe(risk);
  });
});

describe('needsUsing', () => {
  it.each([
    ['varchar(10)', 'integer', true],
    ['text', 'uuid', true],
    ['integer', 'boolean', true],
    ['text', 'post_state', true],
    ['integer', 'bigint', false],
    ['integer', 'text', false],
    ['timestamp', 'timestamp with time zone', false],
    ['json', 'jsonb', false],
  ] as const)('%s -> %s: %s', (from, to, expected) => {
    expect(needsUsing('postgres', from, to)).toBe(expected);
  });
});

describe('normalizeDefault', () => {
  it.each([
    ["'draft'::character varying", 'draft'],
    ["('draft')", 'draft'],
    ["'it''s'", "it's"],
    ['now()', 'current_timestamp'],
    ['CURRENT_TIMESTAMP', 'current_timestamp'],
    ['current_timestamp()', 'current_timestamp'],
    ['CURRENT_TIMESTAMP(6)', 'current_timestamp(6)'],
    ['current_timestamp(6)', 'current_timestamp(6)'],
    ['now(6)', 'current_timestamp(6)'],
    ['(0)', '0'],
    ['0.50', '0.5'],
    ['TRUE', 'true'],
    ['NULL', undefined],
    ["datetime('now')", 'current_timestamp'],
    ["(datetime('now'))", 'current_timestamp'],
    ["datetime('now', 'localtime')", "datetime('now', 'localtime')"],
    ['gen_random_uuid()', 'random_uuid()'],
    ['uuid_generate_v4()', 'random_uuid()'],
    ['\'{"b": 1, "a": [1, 2]}\'::jsonb', '{"a":[1,2],"b":1}'],
    ["'007'", '007'],
    ["'-1'::integer", '-1'],
  ])('%s -> %s', (sql, normal) => {
    expect(normalizeDefault(sql)).toBe(normal);
  });

  it('reads a quoted number by value only for a numeric column (PostgreSQL and TypeORM quote them), not for text', () => {
    expect(normalizeDefault("'0.50'::numeric", true)).toBe('0.5');
    expect(normalizeDefault("'0'", true)).toBe(normalizeDefault('0', true));
    expect(normalizeDefault("'007'", false)).not.toBe(normalizeDefault("'7'", false));
  });
});

describe('orderByReferences', () => {
  it('puts referred tables first, ties by name', () => {
    const refs = new Map([
      ['c', new Set(['b'])],
      ['b', new Set(['a', 'b'])],
    ]);
    expect(orderByReferences(['c', 'b', 'a', 'd'], refs)).toEqual({ order: ['a', 'd', 'b', 'c'], deferred: [] });
  });

  it('breaks a three-table cycle once', () => {
    const refs = new Map([
      ['a', new Set(['c'])],
      ['b', new Set(['a'])],
      ['c', new Set(['b'])],
    ]);
    expect(orderByReferences(['a', 'b', 'c'], refs)).toEqual({ order: ['a', 'b', 'c'], deferred: [['a', 'c']] });
  });
});
