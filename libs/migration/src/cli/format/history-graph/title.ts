import { formatHeadOnly } from '../../../script/format';
import type { Script } from '../../../script/script';

/** What the current-revision marks say of one revision: `(current)`, or the databases holding it. */
export type CurrentMark = true | string | undefined;

/**
 * A revision's title in every picture: `9a0b1c2d3e4f (tags) (head) (current)`. The lanes or
 * arrows show the parents, branch points and merge points, so the title leaves them out.
 */
export function revisionTitle(script: Script, isCurrent: CurrentMark): string {
  return formatHeadOnly(script, { includeBranches: true, treeIndicators: false, headIndicators: true, isCurrent });
}
