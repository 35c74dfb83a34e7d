import type { MigrationStep } from '../graph/steps';

/** Alembic's step names: the migration function that runs. */
function stepName(step: MigrationStep): string {
  if (step.kind === 'stamp') return 'stamp_revision';
  return step.isUpgrade ? 'upgrade' : 'downgrade';
}

/** `upgrade a -> b` (`upgrade  -> a` from base), the form of the `--sql` comments. */
export function shortLog(step: MigrationStep): string {
  return `${stepName(step)} ${step.fromRevisionsNoDeps.join(', ')} -> ${step.toRevisionsNoDeps.join(', ')}`;
}

/** The short form plus the revision's message, as the run log shows each step. */
export function describeStep(step: MigrationStep): string {
  const doc = step.kind === 'revision' ? (step.revision as { doc?: string }).doc : undefined;
  return doc ? `${shortLog(step)}, ${doc}` : shortLog(step);
}
