import { dialectOfType } from '../runtime/database';
import { allDialects, dialectFor } from './registry';

describe('the dialect registry', () => {
  it('holds each dialect under its own name', () => {
    expect((['sqlite', 'postgres', 'mysql'] as const).map((key) => [key, dialectFor(key).name])).toEqual([
      ['sqlite', 'sqlite'],
      ['postgres', 'postgres'],
      ['mysql', 'mysql'],
    ]);
  });

  it('maps every TypeORM driver type to exactly one dialect', () => {
    const types = allDialects().flatMap((d) => d.driverTypes);
    expect(types).toEqual(['better-sqlite3', 'sqlite', 'postgres', 'mysql', 'mariadb']);
    expect(types.map(dialectOfType)).toEqual(['sqlite', 'sqlite', 'postgres', 'mysql', 'mysql']);
  });

  it('gives each dialect a DDL implementation of its own name', () => {
    const context = { quoteIdentifier: (name: string) => name, renderLiteral: String, namingConvention: {} };
    expect((['sqlite', 'postgres', 'mysql'] as const).map((name) => dialectFor(name).ddl(context).dialect)).toEqual([
      'sqlite',
      'postgres',
      'mysql',
    ]);
  });
});
