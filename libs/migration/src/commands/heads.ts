import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

/**
 * The heads of the history; with `resolveDependencies`, only heads that nothing depends
 * on (a dependency counts as a down-revision), as Alembic's `heads --resolve-dependencies`.
 */
export function heads(script: ScriptDirectory, options: { resolveDependencies?: boolean } = {}): Script[] {
  script.assertExists();
  const ids = options.resolveDependencies ? 'heads' : script.getHeads();
  return script.getRevisions(ids).filter((s): s is Script => s !== null);
}
