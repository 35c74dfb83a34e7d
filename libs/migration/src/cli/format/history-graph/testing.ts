import { walkRevisions } from '../../../graph/plan';
import type { RevisionIds } from '../../../graph/revision';
import { RevisionMap } from '../../../graph/revision-map';
import { Script } from '../../../script/script';

/** Test helper: a revision file's script from positional arguments; its message is `step <id>`. */
export function script(
  revision: string,
  downRevision: RevisionIds = null,
  dependsOn: RevisionIds = null,
  branchLabels: RevisionIds = null,
): Script {
  const doc = `step ${revision}`;
  return new Script(`versions/${revision}.ts`, { revision, downRevision, dependsOn, branchLabels, transactional: true, longdoc: doc, doc });
}

/** Test helper: the scripts as `history -r base:head` lists them, newest first. */
export function historyOf(scripts: readonly Script[], base = 'base', head = 'heads'): Script[] {
  return walkRevisions(new RevisionMap(() => scripts), base, head);
}
