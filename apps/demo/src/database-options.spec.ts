import { MigrationError } from '@nest-migrate/migration';
import { databaseOptions } from './database-options';

// URL parsing itself is the library's (runtime/database-url.spec.ts); these check what the
// demo adds on top: failing fast, connect timeouts, and errors surfacing unchanged.
describe('databaseOptions', () => {
  it('gives SQLite a file relative to the working directory and one quick attempt', () => {
    expect(databaseOptions('sqlite:demo.db', '/srv/app')).toEqual({
      type: 'better-sqlite3',
      database: '/srv/app/demo.db',
      synchronize: false,
      entities: [],
      migrations: [],
      migrationsRun: false,
      retryAttempts: 1,
      retryDelay: 100,
    });
  });

  it('adds a connect timeout for PostgreSQL', () => {
    expect(databaseOptions('postgres://app:pw@db.internal/orders')).toMatchObject({
      type: 'postgres',
      host: 'db.internal',
      port: 5432,
      database: 'orders',
      connectTimeoutMS: 5000,
      retryAttempts: 1,
    });
  });

  it('adds a connect timeout for MySQL and MariaDB', () => {
    expect(databaseOptions('mysql://root@127.0.0.1/demo')).toMatchObject({ type: 'mysql', port: 3306, connectTimeout: 5000 });
    expect(databaseOptions('mariadb://root@127.0.0.1/demo')).toMatchObject({ type: 'mariadb', connectTimeout: 5000 });
  });

  it("passes the library's one-line error through, without the password", () => {
    expect(() => databaseOptions('mongodb://app:secret@localhost/demo')).toThrow(MigrationError);
    expect(() => databaseOptions('mongodb://app:secret@localhost/demo')).toThrow(
      /^database URL mongodb:\/\/app:\*\*\*@localhost\/demo has unsupported scheme/,
    );
  });
});
