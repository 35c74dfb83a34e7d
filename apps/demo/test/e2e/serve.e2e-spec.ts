import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities';
import { MAIN } from './demo-cli';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunningDemo {
  child: ChildProcess;
  exit: Promise<Exit>;
  /** Resolves with the port once the demo logs that it listens; rejects if it exits first. */
  listening(): Promise<number>;
}

/** Starts the built demo in `cwd`, as a user would, with DATABASE_URL only if given. */
function startDemo(cwd: string, env: Record<string, string>): RunningDemo {
  const { DATABASE_URL: _inheritedUrl, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], { cwd, env: { ...inherited, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<Exit>((resolveExit) => child.on('close', (code) => resolveExit({ code, stdout, stderr })));
  const listening = () =>
    new Promise<number>((resolvePort, reject) => {
      const check = () => {
        const match = /Listening on port (\d+)/.exec(stdout);
        if (match) {
          resolvePort(Number(match[1]));
        }
      };
      check();
      child.stdout.on('data', check);
      void exit.then((result) => reject(new Error(`demo exited with ${result.code} before listening: ${result.stderr.trim()}`)));
    });
  return { child, exit, listening };
}

describe('demo main.js without a command', () => {
  let workDir: string;

  beforeAll(() => {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
    }
  });

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'demo-e2e-'));
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('serves users and posts from sqlite:demo.db in the working directory', async () => {
    // The schema comes from the entities here because migrations are not wired in yet;
    // the point is that the server reads the default database file it was pointed at.
    const dataSource = new DataSource({
      type: 'better-sqlite3',
      database: join(workDir, 'demo.db'),
      entities: ENTITIES,
      synchronize: true,
    });
    await dataSource.initialize();
    await dataSource.query(`INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada')`);
    await dataSource.query(`INSERT INTO posts (id, title, body, author_id) VALUES (7, 'Hello', 'First post', 1)`);
    await dataSource.query(`INSERT INTO tags (id, name) VALUES (3, 'intro')`);
    await dataSource.query(`INSERT INTO post_tags (post_id, tag_id) VALUES (7, 3)`);
    await dataSource.destroy();

    const demo = startDemo(workDir, { PORT: '0' });
    try {
      const port = await demo.listening();
      const users = await fetch(`http://127.0.0.1:${port}/users`);
      expect(users.status).toBe(200);
      expect(await users.json()).toEqual([{ id: 1, email: 'ada@example.com', name: 'Ada', createdAt: expect.any(String) }]);
      const posts = await fetch(`http://127.0.0.1:${port}/posts`);
      expect(await posts.json()).toEqual([
        {
          id: 7,
          title: 'Hello',
          body: 'First post',
          author: { id: 1, email: 'ada@example.com', name: 'Ada', createdAt: expect.any(String) },
          tags: [{ id: 3, name: 'intro' }],
        },
      ]);
    } finally {
      demo.child.kill('SIGTERM');
      await demo.exit;
    }
  }, 30_000);

  it('fails fast with one stderr line when the database server is unreachable', async () => {
    const demo = startDemo(workDir, { PORT: '0', DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/demo' });
    expect(await demo.exit).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: the demo could not start: could not connect to postgres at 127.0.0.1:1/demo: connection refused\n',
    });
  }, 30_000);
});
