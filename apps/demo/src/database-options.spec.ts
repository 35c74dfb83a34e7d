import { DatabaseUrlError, databaseOptions, describeDatabase } from './database-options';

const FAIL_FAST = { synchronize: false, retryAttempts: 1, retryDelay: 100 };

describe('databaseOptions', () => {
  describe('sqlite', () => {
    it('resolves a relative file against the working directory', () => {
      expect(databaseOptions('sqlite:demo.db', '/srv/app')).toEqual({
        type: 'better-sqlite3',
        database: '/srv/app/demo.db',
        ...FAIL_FAST,
      });
    });

    it('keeps an absolute file', () => {
      expect(databaseOptions('sqlite:/var/lib/demo.db', '/srv/app')).toMatchObject({ database: '/var/lib/demo.db' });
    });

    it('reads SQLAlchemy three-slash URLs as relative and four-slash ones as absolute', () => {
      expect(databaseOptions('sqlite:///data/demo.db', '/srv/app')).toMatchObject({ database: '/srv/app/data/demo.db' });
      expect(databaseOptions('sqlite:////var/lib/demo.db', '/srv/app')).toMatchObject({ database: '/var/lib/demo.db' });
    });

    it('passes an in-memory database through', () => {
      expect(databaseOptions('sqlite::memory:', '/srv/app')).toMatchObject({ database: ':memory:' });
    });

    it('rejects a URL with a host or without a file', () => {
      expect(() => databaseOptions('sqlite://host/demo.db')).toThrow(
        new DatabaseUrlError('DATABASE_URL sqlite:// takes no host; write sqlite:<file> or sqlite:///<file>'),
      );
      expect(() => databaseOptions('sqlite:')).toThrow(
        new DatabaseUrlError('DATABASE_URL sqlite: names no file; write sqlite:<file>, for example sqlite:demo.db'),
      );
    });
  });

  describe('postgres', () => {
    it('splits the URL and decodes escaped credentials', () => {
      expect(databaseOptions('postgres://app:p%40ss%2Fword@db.internal:6543/orders')).toEqual({
        type: 'postgres',
        host: 'db.internal',
        port: 6543,
        username: 'app',
        password: 'p@ss/word',
        database: 'orders',
        connectTimeoutMS: 5000,
        ...FAIL_FAST,
      });
    });

    it('accepts postgresql:// and defaults the port, user, password and database', () => {
      expect(databaseOptions('postgresql://127.0.0.1')).toEqual({
        type: 'postgres',
        host: '127.0.0.1',
        port: 5432,
        username: undefined,
        password: undefined,
        database: undefined,
        connectTimeoutMS: 5000,
        ...FAIL_FAST,
      });
    });

    it('strips the brackets of an IPv6 host', () => {
      expect(databaseOptions('postgres://postgres@[::1]/demo')).toMatchObject({ host: '::1', port: 5432 });
    });
  });

  describe('mysql and mariadb', () => {
    it('maps mysql:// to the mysql driver with port 3306', () => {
      expect(databaseOptions('mysql://root@127.0.0.1/demo')).toEqual({
        type: 'mysql',
        host: '127.0.0.1',
        port: 3306,
        username: 'root',
        password: undefined,
        database: 'demo',
        connectTimeout: 5000,
        ...FAIL_FAST,
      });
    });

    it('maps mariadb:// to the mariadb type', () => {
      expect(databaseOptions('mariadb://root:pw@10.0.0.5:3307/shop')).toMatchObject({
        type: 'mariadb',
        host: '10.0.0.5',
        port: 3307,
        password: 'pw',
        database: 'shop',
      });
    });
  });

  describe('errors', () => {
    it('names an unsupported scheme', () => {
      expect(() => databaseOptions('mongodb://localhost/demo')).toThrow(
        new DatabaseUrlError(
          'DATABASE_URL scheme "mongodb:" is not supported; use sqlite:, postgres://, postgresql://, mysql:// or mariadb://',
        ),
      );
    });

    it('rejects query parameters instead of ignoring them', () => {
      expect(() => databaseOptions('postgres://localhost/demo?sslmode=require')).toThrow(DatabaseUrlError);
    });

    it('rejects a URL without a host', () => {
      expect(() => databaseOptions('mysql:///demo')).toThrow(
        new DatabaseUrlError('DATABASE_URL names no host; write mysql://user:password@host:port/database'),
      );
    });

    it('never repeats an unparsable URL, which may hold a password', () => {
      expect(() => databaseOptions('postgres://app:secret@:bad')).toThrow(
        new DatabaseUrlError('DATABASE_URL is not a valid URL; write it as scheme://user:password@host:port/database'),
      );
    });
  });
});

describe('describeDatabase', () => {
  it('names dialect, host, port and database without the password', () => {
    expect(describeDatabase('postgres://app:secret@db.internal/orders')).toBe('postgres at db.internal:5432/orders');
  });

  it('names the resolved SQLite file', () => {
    expect(describeDatabase('sqlite:demo.db', '/srv/app')).toBe('sqlite at /srv/app/demo.db');
  });
});
