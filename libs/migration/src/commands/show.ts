import { formatLogEntry } from '../script/format';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

/** The revisions an identifier names (`head`, a partial id, `label@head` ...), for `show`. */
export function show(script: ScriptDirectory, revision: string): Script[] {
  return script
    .assertExists()
    .getRevisions(revision)
    .filter((s): s is Script => s !== null);
}

export function formatShow(scripts: readonly Script[]): string[] {
  return scripts.map((s) => formatLogEntry(s));
}
