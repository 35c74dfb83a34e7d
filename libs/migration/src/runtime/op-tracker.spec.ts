import { MigrationError } from '../errors';
import type { Dialect } from '../operations/migration-ops';
import { StrayOpCallError } from './op-tracker';
import { Operations } from './operations';
import { executeEach, type ExecResult, type SqlEmitter } from './sql-emitter';

/**
 * An emitter whose statements finish when the test says: each one waits for `finishAll()`,
 * and a statement containing `fail` then fails.
 */
class GatedEmitter implements SqlEmitter {
  readonly dialect: Dialect = 'postgres';
  readonly isOffline = false;
  readonly ran: string[] = [];
  private readonly waiting: (() => void)[] = [];

  execute(sql: string): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push(() => {
        this.ran.push(sql);
        if (sql.includes('fail')) reject(new Error(`statement failed: ${sql}`));
        else resolve({ affected: 0, rows: [] });
      });
    });
  }

  async executeBatch(statements: readonly string[]): Promise<(number | undefined)[]> {
    return executeEach(this, statements);
  }

  /** Lets every waiting statement finish. */
  finishAll(): void {
    for (const run of this.waiting.splice(0)) run();
  }

  comment(): void {
    // Nothing to write online.
  }
}

/** An emitter whose statements finish at once (after a turn of the event loop, as a driver's would). */
class PromptEmitter extends GatedEmitter {
  override execute(sql: string): Promise<ExecResult> {
    const done = super.execute(sql);
    setImmediate(() => this.finishAll());
    return done;
  }
}

// This file stands in for the revision file: the tracker names the line of the call in it.
const REVISION = { path: __filename, functionName: 'upgrade' };

/** Runs `fn` as a revision's upgrade, as MigrationContext does, and answers what failed the revision. */
async function runRevision(ops: Operations, fn: (op: Operations) => Promise<void> | void): Promise<unknown> {
  ops.startRevision(REVISION);
  let outcome: { failed: boolean; error?: unknown };
  try {
    await fn(ops);
    outcome = { failed: false };
  } catch (error) {
    outcome = { failed: true, error };
  }
  return (await ops.finishRevision(outcome))?.error;
}

/** The line of this file where `marker` appears, for the expected `file:line`. */
function lineOf(marker: string): number {
  const lines = require('node:fs').readFileSync(__filename, 'utf8').split('\n') as string[];
  return lines.findIndex((line) => line.includes(marker) && !line.includes('lineOf(')) + 1;
}

describe('op calls of a revision', () => {
  it('an op call that was not awaited and failed fails the revision, naming the call and its line', async () => {
    const emitter = new PromptEmitter();
    const ops = new Operations(emitter, undefined, {});
    const error = await runRevision(ops, async (op) => {
      await op.execute('CREATE TABLE a (id INTEGER)');
      void op.execute('INSERT INTO fail VALUES (1)'); // not awaited, fails
    });
    expect(error).toBeInstanceOf(StrayOpCallError);
    expect((error as Error).message).toBe(
      `op.execute(...) (${__filename}:${lineOf('// not awaited, fails')}) was not awaited, and it failed: statement failed: INSERT INTO fail VALUES (1)`,
    );
    // The run waited for it: both statements were over before the revision was judged.
    expect(emitter.ran).toEqual(['CREATE TABLE a (id INTEGER)', 'INSERT INTO fail VALUES (1)']);
  });

  it('an op call that was not awaited fails the revision even when its statement succeeded', async () => {
    const ops = new Operations(new PromptEmitter(), undefined, {});
    const error = await runRevision(ops, (op) => {
      void op.createTable('a', [{ name: 'id', type: 'integer' }]); // forgotten await
    });
    expect((error as Error).message).toBe(
      `op.createTable(...) (${__filename}:${lineOf('// forgotten await')}) was not awaited; ` +
        'await every op call, so statements run in order and a failure stops the revision',
    );
  });

  it('an op call that the revision watched but did not wait for is still running when it returns', async () => {
    const emitter = new GatedEmitter();
    const ops = new Operations(emitter, undefined, {});
    const judged = runRevision(ops, (op) => {
      void op.execute('UPDATE a SET id = 2').then(() => undefined); // watched, not awaited
    });
    // The statement can only finish after the function has returned.
    await new Promise((resolve) => setImmediate(resolve));
    emitter.finishAll();
    expect(((await judged) as Error).message).toBe(
      `op.execute(...) (${__filename}:${lineOf('// watched, not awaited')}) was still running when upgrade() returned; await it`,
    );
  });

  it('an op call that failed fails the revision even when the revision caught the error', async () => {
    const ops = new Operations(new PromptEmitter(), undefined, {});
    const error = await runRevision(ops, async (op) => {
      await op.execute('DROP INDEX fail_if_missing').catch(() => undefined); // caught
    });
    expect((error as Error).message).toBe(
      `op.execute(...) (${__filename}:${lineOf('// caught')}) failed: statement failed: DROP INDEX fail_if_missing; ` +
        'a failed operation fails its revision even when the revision catches the error',
    );
  });

  it("an awaited op call that failed is the revision's own error, unchanged", async () => {
    const ops = new Operations(new PromptEmitter(), undefined, {});
    const error = await runRevision(ops, async (op) => {
      await op.execute('CREATE TABLE a (id INTEGER)');
      await op.execute('INSERT INTO fail VALUES (1)');
    });
    expect(error).not.toBeInstanceOf(StrayOpCallError);
    expect((error as Error).message).toBe('statement failed: INSERT INTO fail VALUES (1)');
  });

  it('awaited calls, one at a time or together, pass; an error the function throws is its failure', async () => {
    const ops = new Operations(new PromptEmitter(), undefined, {});
    expect(
      await runRevision(ops, async (op) => {
        await op.execute('CREATE TABLE a (id INTEGER)');
        await Promise.all([op.execute('INSERT INTO a VALUES (1)'), op.bulkInsert('a', [{ id: 2 }])]);
        await op.batchAlterTable('a', async (batch) => {
          await batch.addColumn({ name: 'b', type: 'integer' });
        });
      }),
    ).toBeUndefined();
    const thrown = new Error('not ready');
    expect(
      await runRevision(ops, () => {
        throw thrown;
      }),
    ).toBe(thrown);
  });

  it('a call made after the revision returned is refused and its statement never runs', async () => {
    const emitter = new PromptEmitter();
    const ops = new Operations(emitter, undefined, {});
    let late: Promise<void> | undefined;
    await runRevision(ops, async (op) => {
      await op.execute('CREATE TABLE a (id INTEGER)');
      setImmediate(() => {
        late = op.execute('INSERT INTO a VALUES (1)'); // too late
        // Watched here, so that Jest does not report it before the test looks at it.
        late.catch(() => undefined);
      });
    });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(late).rejects.toThrow(
      new MigrationError(
        `op.execute(...) (${__filename}:${lineOf('// too late')}) was called after upgrade() of ${__filename} had returned, ` +
          'so it did not run; await every op call inside the revision',
      ),
    );
    expect(emitter.ran).toEqual(['CREATE TABLE a (id INTEGER)']);
  });
});
