import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

export interface BranchPoint {
  revision: Script;
  branches: Script[];
}

/** Every branch point of the history, newest first, with the revisions it branches into. */
export function branches(script: ScriptDirectory): BranchPoint[] {
  return script
    .assertExists()
    .walkRevisions()
    .filter((s) => s.isBranchPoint)
    .map((revision) => ({ revision, branches: [...revision.nextRevisions].map((id) => script.revisionMap.get(id)) }));
}
