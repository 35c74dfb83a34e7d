import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CommandError } from '../errors';
import { Operations } from './operations';
import { OfflineSqlEmitter } from './sql-emitter';
import { runTypeormMigration } from './typeorm-migration';

class AddNote1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE note (id INTEGER NOT NULL, body TEXT)');
    await queryRunner.query('INSERT INTO note (id, body) VALUES ($1, $2)', [1, "it's"]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const rows = await queryRunner.query('SELECT id FROM note');
    if (rows.length > 0) await queryRunner.dropTable('note');
  }
}

class Helpers1700000000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('note');
  }

  async down(): Promise<void> {}
}

describe('runTypeormMigration under --sql', () => {
  function offline() {
    const out = { script: '' };
    const op = new Operations(new OfflineSqlEmitter('postgres', (text) => (out.script += text)), undefined, {});
    return { op, out };
  }

  it('writes each queryRunner.query statement, with its parameters inlined, to the script', async () => {
    const { op, out } = offline();
    await runTypeormMigration(op, new AddNote1700000000001(), 'up');
    expect(out.script).toBe("CREATE TABLE note (id INTEGER NOT NULL, body TEXT);\n\nINSERT INTO note (id, body) VALUES (1, 'it''s');\n\n");
  });

  it('refuses a read, which no script can answer, in one line', async () => {
    const { op } = offline();
    const attempt = runTypeormMigration(op, new AddNote1700000000001(), 'down');
    await expect(attempt).rejects.toThrow(CommandError);
    await expect(attempt).rejects.toThrow(
      'TypeORM migration AddNote1700000000001 reads the database (SELECT id FROM note ...), which --sql cannot answer; run it without --sql',
    );
  });

  it("refuses QueryRunner's other methods, naming the one called", async () => {
    const { op } = offline();
    await expect(runTypeormMigration(op, new Helpers1700000000002(), 'up')).rejects.toThrow(
      'TypeORM migration Helpers1700000000002 calls queryRunner.dropTable, which --sql cannot write out (only queryRunner.query can); run it without --sql',
    );
  });
});
