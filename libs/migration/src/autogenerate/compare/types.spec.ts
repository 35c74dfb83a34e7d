import { effectiveType, isNarrowing, needsUsing, sameType } from './types';
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

describe('isNarrowing', () => {
  it.each([
    ['varchar(50)', 'varchar(100)', false],
    ['varchar(100)', 'varchar(50)', true],
    ['varchar(100)', 'text', false],
    ['text', 'varchar(100)', true],
    ['smallint', 'bigint', false],
    ['bigint', 'integer', true],
    ['integer', 'numeric', false],
    ['numeric(10,2)', 'numeric(12,2)', false],
    ['numeric(10,2)', 'numeric(10,1)', true],
    ['numeric(10,2)', 'numeric(10,4)', true],
    ['float', 'integer', true],
    ['date', 'timestamp', false],
    ['timestamp', 'date', true],
    ['text', 'integer', true],
    ['integer', 'text', false],
  ] as const)('%s -> %s: %s', (from, to, narrowing) => {
    expect(isNarrowing('postgres', from, to)).toBe(narrowing);
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
    ['CURRENT_TIMESTAMP(6)', 'current_timestamp'],
    ['(0)', '0'],
    ['0.50', '0.5'],
    ['TRUE', 'true'],
    ['NULL', undefined],
    ["datetime('now')", "datetime('now')"],
  ])('%s -> %s', (sql, normal) => {
    expect(normalizeDefault(sql)).toBe(normal);
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
