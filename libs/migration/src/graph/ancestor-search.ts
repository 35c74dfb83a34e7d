import { Revision } from './revision';

/**
 * "Is x below this head?" answered lazily. The topological sort asks it for every
 * revision it emits against every other open head; Alembic materialises each head's
 * full ancestor set for that, which makes branchy histories quadratic. Here a head's
 * ancestors are discovered level by level only as deep as a question needs, so each
 * search expands every revision at most once, and the answers stay the same.
 */
export class AncestorSearch<R extends Revision> {
  private readonly found = new Set<R>();
  /** Found but not yet expanded, as a max-heap on level. */
  private readonly frontier: R[] = [];

  /**
   * @param root the head whose ancestors (itself included) are searched
   * @param level each revision's height above the bases; a parent is always lower than its child
   * @param parentsOf the revisions directly below one (down-revisions and dependencies)
   */
  constructor(
    root: R,
    private readonly level: ReadonlyMap<R, number>,
    private readonly parentsOf: (rev: R) => readonly R[],
  ) {
    this.discover(root);
  }

  /** Whether `rev` is the root or one of its ancestors. */
  has(rev: R): boolean {
    if (this.found.has(rev)) return true;
    const target = this.level.get(rev)!;
    // Every ancestor above `rev`'s level gets expanded; after that `rev` is found iff it is an ancestor.
    while (this.frontier.length > 0 && this.level.get(this.frontier[0])! > target) {
      for (const parent of this.parentsOf(this.pop())) this.discover(parent);
    }
    return this.found.has(rev);
  }

  /** Moves the root down to its only parent: the searched set loses the root and nothing else. */
  dropRoot(root: R): void {
    if (this.frontier[0] === root) {
      for (const parent of this.parentsOf(this.pop())) this.discover(parent);
    }
    this.found.delete(root);
  }

  private discover(rev: R): void {
    if (this.found.has(rev)) return;
    this.found.add(rev);
    const heap = this.frontier;
    heap.push(rev);
    let i = heap.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.level.get(heap[up])! >= this.level.get(heap[i])!) break;
      [heap[up], heap[i]] = [heap[i], heap[up]];
      i = up;
    }
  }

  private pop(): R {
    const heap = this.frontier;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < heap.length && this.level.get(heap[left])! > this.level.get(heap[largest])!) largest = left;
        if (right < heap.length && this.level.get(heap[right])! > this.level.get(heap[largest])!) largest = right;
        if (largest === i) break;
        [heap[largest], heap[i]] = [heap[i], heap[largest]];
        i = largest;
      }
    }
    return top;
  }
}
