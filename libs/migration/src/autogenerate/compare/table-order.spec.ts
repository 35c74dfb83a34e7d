import { orderByReferences } from './table-order';

const refs = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([table, to]) => [table, new Set(to)]));

describe('orderByReferences', () => {
  it('puts each table after the tables it refers to, along a chain of any length', () => {
    const tables = Array.from({ length: 300 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    // Each table refers to the one before it, listed last first: every round frees one table.
    const references = new Map(tables.map((t, i) => [t, new Set(i === 0 ? [] : [tables[i - 1]])]));
    expect(orderByReferences([...tables].reverse(), references)).toEqual({ order: tables, deferred: [] });
  });

  it('emits the tables freed in one round by name, before those they free', () => {
    const references = refs({ c: [], a: ['c'], b: [], d: ['b', 'a'], self: ['self'], outside: ['elsewhere'] });
    expect(orderByReferences(['c', 'a', 'b', 'd', 'self', 'outside'], references).order).toEqual(['b', 'c', 'outside', 'self', 'a', 'd']);
  });

  it('breaks a cycle at the first remaining table by name and defers its references into it', () => {
    const references = refs({ x: ['y'], y: ['z'], z: ['x'], a: [] });
    expect(orderByReferences(['z', 'y', 'x', 'a'], references)).toEqual({ order: ['a', 'x', 'z', 'y'], deferred: [['x', 'y']] });
  });
});
