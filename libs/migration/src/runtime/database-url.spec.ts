import { MigrationError } from '../errors';
import { connectionError, parseDatabaseUrl, redactUrl } from './database-url';

const ACCEPTED =
  'use sqlite:<path>, sqlite::memory:, postgres://user:password@host:port/database[?schema=name] ' +
  '(or postgresql://), mysql://user:password@host:port/database (or mariadb://)';
const NO_MIGRATIONS = { synchronize: false, entities: [], migrations: [], migrationsRun: false };

function parseError(url: string): MigrationError {
  try {
    parseDatabaseUrl(url, '/project');
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('parseDatabaseUrl', () => {
  describe('sqlite', () => {
    it('resolves a relative path against the given directory', () => {
      expect(parseDatabaseUrl('sqlite:demo.db', '/project')).toEqual({
        dialect: 'sqlite',
        database: '/project/demo.db',
        redactedUrl: 'sqlite:demo.db',
        dataSourceOptions: { type: 'better-sqlite3', database: '/project/demo.db', ...NO_MIGRATIONS },
      });
      expect(parseDatabaseUrl('sqlite:../data/app.db', '/project/api').database).toBe('/project/data/app.db');
    });

    it('keeps an absolute path', () => {
      expect(parseDatabaseUrl('sqlite:/var/lib/app.db', '/project').database).toBe('/var/lib/app.db');
    });

    it('takes sqlite::memory: as an in-memory database', () => {
      expect(parseDatabaseUrl('sqlite::memory:', '/project').dataSourceOptions).toEqual({
        type: 'better-sqlite3',
        database: ':memory:',
        ...NO_MIGRATIONS,
      });
    });

    it('refuses sqlite:// rather than guess between relative and absolute', () => {
      expect(parseError('sqlite:///app.db').message).toBe(
        'database URL sqlite:///app.db uses sqlite://, which we do not guess at: ' +
          `write sqlite:relative/file.db or sqlite:/absolute/file.db; ${ACCEPTED}`,
      );
      expect(parseError('sqlite:').message).toBe(`database URL sqlite: names no file; ${ACCEPTED}`);
    });
  });

  describe('postgres', () => {
    it('reads user, password, host, port, database and schema', () => {
      expect(parseDatabaseUrl('postgres://app:s3cret@db.example:6543/shop?schema=sales')).toEqual({
        dialect: 'postgres',
        database: 'shop',
        host: 'db.example',
        port: 6543,
        username: 'app',
        schema: 'sales',
        redactedUrl: 'postgres://app:***@db.example:6543/shop?schema=sales',
        dataSourceOptions: {
          type: 'postgres',
          host: 'db.example',
          port: 6543,
          username: 'app',
          password: 's3cret',
          database: 'shop',
          schema: 'sales',
          ...NO_MIGRATIONS,
        },
      });
    });

    it('accepts postgresql://, defaults the port to 5432 and the host to localhost', () => {
      const target = parseDatabaseUrl('postgresql:///app');
      expect([target.dialect, target.host, target.port, target.database]).toEqual(['postgres', 'localhost', 5432, 'app']);
      expect(parseDatabaseUrl('postgresql://u@10.0.0.1/app').port).toBe(5432);
    });

    it('percent-decodes the user, password and database', () => {
      const target = parseDatabaseUrl('postgres://us%40er:p%40ss%2Fw%3Ard@h/my%20db');
      expect(target.dataSourceOptions).toMatchObject({ username: 'us@er', password: 'p@ss/w:rd', database: 'my db' });
      expect(target.redactedUrl).toBe('postgres://us%40er:***@h/my%20db');
    });

    it('takes an IPv6 host without its brackets', () => {
      expect(parseDatabaseUrl('postgres://u@[::1]:5433/app').host).toBe('::1');
    });

    it('leaves out the user and password when not given', () => {
      const options = parseDatabaseUrl('postgres://localhost/app').dataSourceOptions;
      expect(options).not.toHaveProperty('username');
      expect(options).not.toHaveProperty('password');
    });

    it('refuses a URL without a database, with an unknown parameter, or a bad port', () => {
      expect(parseError('postgres://u:pw@h:5432').message).toBe(`database URL postgres://u:***@h:5432 names no database; ${ACCEPTED}`);
      expect(parseError('postgres://u:pw@h/app?sslmode=require').message).toBe(
        `database URL postgres://u:***@h/app?sslmode=require has unsupported parameter sslmode (postgres accepts schema); ${ACCEPTED}`,
      );
      expect(parseError('postgres://u:pw@h:99999/app').message).toBe(`database URL postgres://u:***@h:99999/app is malformed; ${ACCEPTED}`);
      expect(parseError('postgres:app').message).toBe(
        `database URL postgres:app is malformed: write postgres://host/database; ${ACCEPTED}`,
      );
    });
  });

  describe('mysql', () => {
    it('reads mysql:// with the port defaulting to 3306', () => {
      expect(parseDatabaseUrl('mysql://root:pw@127.0.0.1/app')).toEqual({
        dialect: 'mysql',
        database: 'app',
        host: '127.0.0.1',
        port: 3306,
        username: 'root',
        redactedUrl: 'mysql://root:***@127.0.0.1/app',
        dataSourceOptions: {
          type: 'mysql',
          host: '127.0.0.1',
          port: 3306,
          username: 'root',
          password: 'pw',
          database: 'app',
          ...NO_MIGRATIONS,
        },
      });
    });

    it('reads mariadb:// as the mysql dialect on the mariadb driver type', () => {
      const target = parseDatabaseUrl('mariadb://root@db:3307/app');
      expect([target.dialect, target.dataSourceOptions.type, target.port]).toEqual(['mysql', 'mariadb', 3307]);
    });

    it('accepts no query parameters, not even schema', () => {
      expect(parseError('mysql://root:pw@h/app?schema=x').message).toBe(
        `database URL mysql://root:***@h/app?schema=x has unsupported parameter schema (mysql accepts none); ${ACCEPTED}`,
      );
    });
  });

  it('refuses unknown schemes and text without a scheme, never showing the password', () => {
    expect(parseError('mongodb://u:hunter2@h/app').message).toBe(
      `database URL mongodb://u:***@h/app has unsupported scheme mongodb:; ${ACCEPTED}`,
    );
    expect(parseError('not a url').message).toBe(`database URL not a url has no scheme; ${ACCEPTED}`);
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@h:5432/db', 'postgres://app:***@h:5432/db'],
    ['mysql://root@h/db', 'mysql://root@h/db'],
    ['mysql://h/db', 'mysql://h/db'],
    ['postgres://:onlypw@h/db', 'postgres://:***@h/db'],
    ['postgres://u:p@ss/w@h/db?schema=a@b', 'postgres://u:***@h/db?schema=a@b'],
    ['postgres://u:pw@h/db?password=x&schema=s', 'postgres://u:***@h/db?password=***&schema=s'],
    ['sqlite:/tmp/a.db', 'sqlite:/tmp/a.db'],
    ['', ''],
  ])('%s -> %s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });
});

describe('connectionError', () => {
  const target = parseDatabaseUrl('postgres://x:s3cret@127.0.0.1:5432/app');

  it('names dialect, host, port and database, with the first line of the driver message', () => {
    const error = connectionError(target, new Error('password authentication failed for user "x"\nDETAIL: more'));
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toBe('could not connect to postgres at 127.0.0.1:5432/app: password authentication failed for user "x"');
  });

  it('says "connection refused" for ECONNREFUSED, also inside an empty AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(connectionError(target, refused).message).toBe('could not connect to postgres at 127.0.0.1:5432/app: connection refused');
    const dualStack = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '');
    const error = connectionError(target, dualStack);
    expect(error.message).toBe('could not connect to postgres at 127.0.0.1:5432/app: connection refused');
    expect(error.cause).toBe(dualStack);
  });

  it('takes the first inner message of an empty AggregateError without a known code', () => {
    const error = new AggregateError([new Error('first failure'), new Error('second')], '');
    expect(connectionError(target, error).message).toBe('could not connect to postgres at 127.0.0.1:5432/app: first failure');
  });

  it('never repeats the password, even when the driver does', () => {
    const error = connectionError(target, new Error('bad login x:s3cret'));
    expect(error.message).toBe('could not connect to postgres at 127.0.0.1:5432/app: bad login x:***');
  });

  it('names the file for sqlite and brackets an IPv6 host', () => {
    const sqlite = parseDatabaseUrl('sqlite:app.db', '/project');
    expect(connectionError(sqlite, new Error('unable to open database file')).message).toBe(
      'could not connect to sqlite at /project/app.db: unable to open database file',
    );
    expect(connectionError(parseDatabaseUrl('mysql://root@[::1]/app'), 'odd').message).toBe(
      'could not connect to mysql at [::1]:3306/app: odd',
    );
  });
});
