import type { QueryRunner } from 'typeorm';
import type { Dialect, MigrationOps } from '../operations/migration-ops';
import { renderStatement, SqlEmitter } from './sql-emitter';

/**
 * The `op` a revision receives. Every statement goes through the run's `SqlEmitter`, so the
 * same revision code runs online or writes `--sql`. It remembers what the current revision
 * has executed, for the report when a revision fails half-way on a database that cannot roll
 * its DDL back.
 */
export class Operations implements MigrationOps {
  // Rendered only if a report needs them: rendering parses each statement for placeholders.
  private executed: { sql: string; params: readonly unknown[] }[] = [];

  constructor(
    private readonly emitter: SqlEmitter,
    readonly queryRunner: QueryRunner | undefined,
    private readonly xArguments: Readonly<Record<string, string>>,
  ) {}

  get dialect(): Dialect {
    return this.emitter.dialect;
  }

  get isOffline(): boolean {
    return this.emitter.isOffline;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.emitter.execute(sql, params);
    this.executed.push({ sql, params });
  }

  getXArgument(name: string): string | undefined {
    return this.xArguments[name];
  }

  /** Starts a new revision: forgets what the previous one executed. */
  startRevision(): void {
    this.executed = [];
  }

  /** The statements the current revision has run successfully so far. */
  get statements(): string[] {
    return this.executed.map(({ sql, params }) => renderStatement(this.emitter.dialect, sql, params));
  }
}
