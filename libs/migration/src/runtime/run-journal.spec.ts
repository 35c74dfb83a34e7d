import { InterruptedRunError, interruptedRunOf, RunJournal } from './run-journal';
import { OfflineSqlEmitter } from './sql-emitter';
import { journalEntry as entry } from './testing';

describe('the run journal', () => {
  it('reads as nothing when empty, and otherwise as what ran and what was running', () => {
    expect(interruptedRunOf([], ['e5e5'], false)).toBeUndefined();
    expect(
      interruptedRunOf([entry(1, 'CREATE TABLE a (id INTEGER)', true), entry(2, 'CREATE INDEX ix ON a (id)', false)], ['e5e5'], false),
    ).toEqual({
      revision: 'f6f6',
      step: 'upgrade e5e5 -> f6f6',
      ran: ['CREATE TABLE a (id INTEGER)'],
      running: ['CREATE INDEX ix ON a (id)'],
      recordedHeads: ['e5e5'],
      headsAfter: ['f6f6'],
      inProgress: false,
    });
  });

  it('says in one line what ran, what may have, and the two ways out, shortening long lists', () => {
    const long = `INSERT INTO a (note) VALUES ('${'x'.repeat(200)}')`;
    const entries = [
      entry(1, 'CREATE TABLE a (\n    id INTEGER\n)', true),
      entry(2, 'INSERT INTO a VALUES (1)', true),
      entry(3, long, true),
      entry(4, 'INSERT INTO a VALUES (3)', true),
      entry(5, 'CREATE INDEX ix ON a (id)', false),
    ];
    const message = new InterruptedRunError(interruptedRunOf(entries, [], false)!).message;
    expect(message).toBe(
      'an earlier run stopped half-way through revision f6f6 (upgrade e5e5 -> f6f6): 4 statements ran: ' +
        `(1) CREATE TABLE a ( id INTEGER ) (2) INSERT INTO a VALUES (1) (3) ${long.slice(0, 117)}... and 1 more; ` +
        'this one was running and may or may not have taken effect: (5) CREATE INDEX ix ON a (id); ' +
        "the version table still records no revision: finish the revision by hand and run 'stamp f6f6', or undo what ran, " +
        "run 'stamp base' and run the command again; 'current' shows the whole report",
    );
    expect(message).not.toContain('\n');
  });

  it("names another deployment's journal as a run still in progress", () => {
    const run = interruptedRunOf([entry(1, 'CREATE TABLE a (id INTEGER)', true)], ['e5e5'], true)!;
    expect(new InterruptedRunError(run).message).toBe(
      "another deployment is in the middle of revision f6f6 (upgrade e5e5 -> f6f6) on this database; wait for it to finish and run the command again; 'current' shows what it has done so far",
    );
  });

  it('writes its table and rows through the emitter, so a --sql script carries them', async () => {
    let script = '';
    const journal = new RunJournal(new OfflineSqlEmitter('postgres', (text) => (script += text)), {
      tableName: 'mv_journal',
      columnWidth: 32,
    });
    await journal.ensure();
    const step = journal.forStep('f6f6', 'upgrade e5e5 -> f6f6', ['f6f6']);
    await step.completed(await step.before("INSERT INTO a VALUES ('x')"));
    await journal.clear();
    expect(script).toBe(
      [
        'CREATE TABLE IF NOT EXISTS "mv_journal" (\n    "seq" INTEGER NOT NULL,\n    "revision" VARCHAR(32) NOT NULL,\n    "step" TEXT NOT NULL,\n' +
          '    "heads_after" TEXT NOT NULL,\n    "statement" TEXT NOT NULL,\n    "done" INTEGER NOT NULL,\n' +
          '    CONSTRAINT "mv_journal_pkc" PRIMARY KEY ("seq")\n);',
        `INSERT INTO "mv_journal" ("seq", "revision", "step", "heads_after", "statement", "done") VALUES (1, 'f6f6', 'upgrade e5e5 -> f6f6', 'f6f6', 'INSERT INTO a VALUES (''x'')', 0);`,
        'UPDATE "mv_journal" SET "done" = 1 WHERE "seq" = 1;',
        'DELETE FROM "mv_journal";',
      ]
        .map((statement) => `${statement}\n\n`)
        .join(''),
    );
  });
});
