// Spec helper (excluded from the build): run-journal rows of one interrupted step.
import type { JournalEntry } from './run-journal';

/** Row `seq` of the journal of step `upgrade e5e5 -> f6f6`: `statement`, and whether it had finished. */
export function journalEntry(seq: number, statement: string, done: boolean): JournalEntry {
  return { seq, revision: 'f6f6', step: 'upgrade e5e5 -> f6f6', headsAfter: ['f6f6'], statement, done };
}
