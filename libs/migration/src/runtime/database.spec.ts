import { DataSource } from 'typeorm';
import { describeDatabase, openDatabase } from './database';

describe('a DataSource configured with a url', () => {
  // TypeORM lets `url` win over host, port and database; so must the messages that name it.
  const dataSource = new DataSource({
    type: 'postgres',
    url: 'postgres://app:s3cret@127.0.0.1:1/shop',
    host: 'ignored',
    connectTimeoutMS: 5000,
  });

  it('is named by its url', () => {
    expect(describeDatabase({ dataSource })).toBe('postgres at 127.0.0.1:1/shop');
  });

  it('fails to connect with one line naming that target and never the password', async () => {
    const error = await openDatabase({ dataSource }, 1000).catch((thrown: Error) => thrown);
    expect((error as Error).message).toBe('could not connect to postgres at 127.0.0.1:1/shop: connection refused');
  });
});
