import {
  CycleDetectedError,
  DependencyCycleDetectedError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  MissingRevisionError,
  MultipleHeadsError,
  RangeNotAncestorError,
  ResolutionError,
  RevisionError,
} from './errors';
import { AncestorSearch } from './ancestor-search';
import { Revision, toIds } from './revision';

/** One or several identifiers as the commands take them (`'head'`, `['ab12', 'cd34']`), or none. */
export type RevisionIdentifier = string | readonly string[] | null;

/** What `walk` answers when it steps down past the first revision (Alembic's literal `'base'`). */
export const BASE = Symbol('base');
export type WalkResult<R> = R | null | typeof BASE;

export interface IterateOptions {
  /** Upgrade: also bring in revisions that do not descend from `lower` (other bases). Downgrade: wind other branches back too. */
  implicitBase?: boolean;
  /** Include `lower` (upgrade) or the target (downgrade) itself. */
  inclusive?: boolean;
  /** Fail when a relative identifier walks past the end of the graph instead of stopping there. */
  assertRelativeLength?: boolean;
  /** Collect the revisions a downgrade removes instead of those an upgrade adds. */
  selectForDowngrade?: boolean;
}

export interface TraversalOptions<R> {
  check?: boolean;
  includeDependencies?: boolean;
  map?: ReadonlyMap<string, R>;
}

interface BuiltMap<R> {
  /** Revision ids in file order, then branch labels, each pointing at its revision. */
  byIdent: Map<string, R>;
  /** Position of each revision id in file order; sorts topological output like Alembic's ordered dict. */
  order: Map<string, number>;
  heads: string[];
  realHeads: string[];
  bases: string[];
  realBases: string[];
  /** Height above the bases through down-revisions and dependencies, computed on first use. */
  levels?: Map<R, number>;
}

// Alembic's `_relative_destination`: `[label@][symbol]+N` or `-N`, matched at the start only.
const RELATIVE_DESTINATION = /^(?:(.+?)@)?(\w+)?((?:\+|-)\d+)/;
// What Python's int() accepts for the relative-identifier check in get_revisions.
const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/**
 * The revision graph, built lazily from a generator of revisions. A port of Alembic's
 * `RevisionMap`: heads and bases, every identifier form, and the revision sets an
 * upgrade or downgrade visits, in the same order Alembic visits them.
 */
export class RevisionMap<R extends Revision = Revision> {
  private built?: BuiltMap<R>;

  constructor(private readonly generator: () => Iterable<R>) {}

  /** Heads by down-revision: revisions that no other revision names as its down-revision. */
  get heads(): readonly string[] {
    return this.build().heads;
  }

  /** Revisions with no down-revision. */
  get bases(): readonly string[] {
    return this.build().bases;
  }

  /** Heads that nothing depends on either (what `heads` resolves to). */
  get realHeads(): readonly string[] {
    return this.build().realHeads;
  }

  /** Bases that depend on nothing. */
  get realBases(): readonly string[] {
    return this.build().realBases;
  }

  /** Every revision once, in file order. */
  get revisions(): R[] {
    const { byIdent, order } = this.build();
    return [...order.keys()].map((id) => byIdent.get(id)!);
  }

  /** The revision with exactly this id or branch label; throws when there is none. */
  get(ident: string): R {
    const rev = this.build().byIdent.get(ident);
    if (!rev) throw new ResolutionError(`No such revision or branch '${ident}'`, ident);
    return rev;
  }

  /** The single head, optionally of one branch; null when there are no revisions. */
  getCurrentHead(branchLabel: string | null = null): string | null {
    let current: readonly string[] = this.heads;
    if (branchLabel) current = this.filterForLineage(current, branchLabel);
    if (current.length > 1) {
      throw new MultipleHeadsError(current, branchLabel ? `${branchLabel}@head` : 'head');
    }
    return current[0] ?? null;
  }

  /**
   * Resolves identifiers to revisions: full or partial ids, `head`, `heads`, `base`,
   * `label@...`, and `[label@]-N` walked down from the heads. `base` resolves to nothing.
   */
  getRevisions(ident: RevisionIdentifier): (R | null)[] {
    if (Array.isArray(ident)) return (ident as readonly string[]).flatMap((one) => this.getRevisions(one));
    const [resolved, branchLabel] = this.resolveRevisionNumber(ident as string | null);
    if (resolved.length === 1 && PYTHON_INT.test(resolved[0])) {
      const steps = Number.parseInt(resolved[0].replace(/_/g, ''), 10);
      if (steps < 0) {
        let selectHeads = this.getRevisions('heads') as R[];
        if (branchLabel !== null) selectHeads = selectHeads.filter((h) => h.branchLabels.has(branchLabel));
        return selectHeads.map((head) => baseAsNull(this.walk(head, steps)));
      }
    }
    return resolved.map((id) => this.revisionForIdent(id, branchLabel));
  }

  /** Resolves one identifier; `MultipleHeadsError` when it names several revisions. */
  getRevision(ident: string | null): R | null {
    const [resolved, branchLabel] = this.resolveRevisionNumber(ident);
    if (resolved.length > 1) throw new MultipleHeadsError(resolved, ident);
    return this.revisionForIdent(resolved[0] ?? null, branchLabel);
  }

  /** The targets that share a lineage (ancestor or descendant) with `checkAgainst`. */
  filterForLineage<T extends string | R>(targets: Iterable<T>, checkAgainst: string | null, includeDependencies = false): T[] {
    const [ids, branchLabel] = this.resolveRevisionNumber(checkAgainst);
    const shares = branchLabel ? [branchLabel, ...ids] : [...ids];
    return [...targets].filter((target) => this.sharesLineage(target, shares, includeDependencies));
  }

  /**
   * The revisions between `upper` and `lower`, newest first, in Alembic's topological order:
   * what an upgrade applies (reversed) or a downgrade removes (`selectForDowngrade`).
   */
  iterateRevisions(upper: RevisionIdentifier, lower: RevisionIdentifier, options: IterateOptions = {}): R[] {
    const { implicitBase = false, inclusive = false, assertRelativeLength = true } = options;
    const [revisions, heads] = options.selectForDowngrade
      ? this.collectDowngradeRevisions(upper, lower, inclusive, implicitBase, assertRelativeLength)
      : this.collectUpgradeRevisions(upper, lower, inclusive, implicitBase, assertRelativeLength);
    const { byIdent } = this.build();
    return this.topologicalSort(revisions, heads).map((id) => byIdent.get(id)!);
  }

  /** All revisions reachable upwards from `targets` (targets included), depth first. */
  descendantNodes(targets: Iterable<R>, options: TraversalOptions<R> & { omitImmediateDependencies?: boolean } = {}): R[] {
    const { includeDependencies = true, omitImmediateDependencies = false } = options;
    const targetList = [...targets];
    let next: (rev: R) => Iterable<string>;
    if (omitImmediateDependencies) {
      const targetSet = new Set(targetList);
      next = (rev) => (targetSet.has(rev) ? rev.nextRevisions : rev.allNextRevisions);
    } else if (includeDependencies) {
      next = (rev) => rev.allNextRevisions;
    } else {
      next = (rev) => rev.nextRevisions;
    }
    return this.iterateRelated(next, targetList, options.map, options.check);
  }

  /** All revisions reachable downwards from `targets` (targets included), depth first. */
  ancestorNodes(targets: Iterable<R>, options: TraversalOptions<R> = {}): R[] {
    const next = options.includeDependencies === false ? (rev: R) => rev.versionedDownRevisions : (rev: R) => rev.normalizedDownRevisions;
    return this.iterateRelated(next, [...targets], options.map, options.check);
  }

  /** The branch heads among the current revisions and everything below them. */
  getAllCurrent(ids: readonly string[]): Set<R> {
    const top = new Set(this.getRevisions(ids).filter(isRevision));
    for (const rev of this.ancestorNodes([...top])) top.add(rev);
    return this.filterIntoBranchHeads(top);
  }

  /**
   * Walks `steps` revisions up (positive) or down (negative) from `start`. Past the end it
   * answers null (or stays put when `noOverwalk` is false); a fork on the way is an error.
   */
  walk(start: string | WalkResult<R>, steps: number, branchLabel: string | null = null, noOverwalk = true): WalkResult<R> {
    let current: WalkResult<R> = typeof start === 'string' ? this.getRevision(start) : start;
    for (let i = 0; i < Math.abs(steps); i++) {
      let children: WalkResult<R>[];
      if (steps > 0) {
        if (current === BASE) throw new RevisionError('Cannot walk up from base');
        const up = this.getRevisions(current === null ? this.bases : [...current.nextRevisions]);
        children = branchLabel ? this.filterForLineage(up.filter(isRevision), branchLabel) : up;
      } else if (current === BASE) {
        children = [];
      } else {
        children = this.getRevisions(current === null ? this.heads : current.downRevision);
        if (children.length === 0) children = [BASE];
      }
      if (children.length === 0) return noOverwalk ? null : current;
      if (children.length > 1) throw new RevisionError('Ambiguous walk');
      current = children[0];
    }
    return current;
  }

  private build(): BuiltMap<R> {
    if (this.built) return this.built;
    const byIdent = new Map<string, R>();
    const order = new Map<string, number>();
    const heads = new Set<R>();
    const realHeads = new Set<R>();
    const bases: R[] = [];
    const realBases: R[] = [];
    const labelled: R[] = [];

    for (const rev of this.generator()) {
      if (byIdent.has(rev.revision)) throw new DuplicateRevisionError(rev.revision);
      byIdent.set(rev.revision, rev);
      order.set(rev.revision, order.size);
      if (rev.branchLabels.size > 0) labelled.push(rev);
      heads.add(rev);
      realHeads.add(rev);
      if (rev.isBase) bases.push(rev);
      if (rev.isRealBase) realBases.push(rev);
    }
    const idsOnly = new Map(byIdent);
    const all = [...idsOnly.values()];

    // Labels join the lookup table so that dependencies may name a branch.
    for (const rev of labelled) {
      for (const label of rev.declaredBranchLabels) {
        const used = byIdent.get(label);
        if (used) throw new DuplicateBranchLabelError(label, rev.revision, used.revision);
        byIdent.set(label, rev);
      }
    }
    for (const rev of all) {
      rev.resolvedDependencies = toIds(rev.dependsOn).map((dep) => {
        const target = byIdent.get(dep);
        if (!target) throw new MissingRevisionError(dep, rev.revision, 'dependency');
        return target.revision;
      });
    }
    for (const rev of all) {
      for (const downId of rev.allDownRevisions) {
        const down = byIdent.get(downId);
        if (!down) throw new MissingRevisionError(downId, rev.revision, 'down revision');
        down.addNextRevision(rev);
        if (rev.versionedDownRevisions.includes(downId)) heads.delete(down);
        realHeads.delete(down);
      }
    }
    this.normalizeDependsOn(all, byIdent);
    this.detectCycles(idsOnly, heads, bases, realHeads, realBases);

    this.built = {
      byIdent,
      order,
      heads: [...heads].map((r) => r.revision),
      realHeads: [...realHeads].map((r) => r.revision),
      bases: bases.map((r) => r.revision),
      realBases: realBases.map((r) => r.revision),
    };
    this.addBranches(labelled, byIdent);
    return this.built;
  }

  /** Drops dependencies that an ancestor already depends on, so each appears once in the graph. */
  private normalizeDependsOn(all: R[], byIdent: Map<string, R>): void {
    for (const rev of all) {
      if (rev.resolvedDependencies.length === 0) continue;
      const normalized = new Set(rev.resolvedDependencies);
      for (const ancestor of this.ancestorNodes([rev], { includeDependencies: false, map: byIdent })) {
        if (ancestor === rev) continue;
        for (const dep of ancestor.resolvedDependencies) normalized.delete(dep);
      }
      rev.normalizedResolvedDependencies = [...normalized];
    }
  }

  /** Every revision must lie on a path from a base to a head; the ones that do not form a cycle. */
  private detectCycles(idsOnly: Map<string, R>, heads: Set<R>, bases: R[], realHeads: Set<R>, realBases: R[]): void {
    if (idsOnly.size === 0) return;
    if (heads.size === 0 || bases.length === 0) throw new CycleDetectedError([...idsOnly.keys()]);
    const outside = this.revisionsOffPaths(
      idsOnly,
      heads,
      bases,
      (r) => r.versionedDownRevisions,
      (r) => r.nextRevisions,
    );
    if (outside.length > 0) throw new CycleDetectedError(outside);

    if (realHeads.size === 0 || realBases.length === 0) throw new DependencyCycleDetectedError([...idsOnly.keys()]);
    const outsideAll = this.revisionsOffPaths(
      idsOnly,
      realHeads,
      realBases,
      (r) => r.allDownRevisions,
      (r) => r.allNextRevisions,
    );
    if (outsideAll.length > 0) throw new DependencyCycleDetectedError(outsideAll);
  }

  private revisionsOffPaths(
    idsOnly: Map<string, R>,
    heads: Iterable<R>,
    bases: Iterable<R>,
    down: (r: R) => Iterable<string>,
    up: (r: R) => Iterable<string>,
  ): string[] {
    const belowHeads = new Set(this.iterateRelated(down, [...heads], idsOnly));
    const aboveBases = new Set(this.iterateRelated(up, [...bases], idsOnly));
    return [...idsOnly.values()]
      .filter((rev) => !(belowHeads.has(rev) && aboveBases.has(rev)))
      .map((rev) => rev.revision)
      .sort();
  }

  /**
   * Spreads each declared label to the revisions above it, and below it down to the
   * nearest branch or merge point. Like Alembic, the downward walk starts from the last
   * revision the upward search reached.
   */
  private addBranches(labelled: R[], byIdent: Map<string, R>): void {
    for (const rev of labelled) {
      const labels = [...rev.branchLabels];
      const above = this.descendantNodes([rev], { includeDependencies: false, map: byIdent });
      for (const node of above) for (const label of labels) node.branchLabels.add(label);
      let parent: R | undefined = above[above.length - 1];
      while (parent && !parent.isRealBranchPoint && !parent.isMergePoint) {
        for (const label of labels) parent.branchLabels.add(label);
        if (parent.downRevision === null) break;
        parent = byIdent.get(parent.downRevision as string);
      }
    }
  }

  /**
   * Depth-first walk over `next` from each target, each revision once. With `check`, a
   * target reached from another target is an error (the request overlaps itself).
   */
  private iterateRelated(
    next: (rev: R) => Iterable<string>,
    targets: readonly R[],
    map: ReadonlyMap<string, R> = this.build().byIdent,
    check = false,
  ): R[] {
    const seen = new Set<R>();
    const out: R[] = [];
    for (const target of targets) {
      const todo: R[] = [target];
      const reached = check ? new Set<R>() : undefined;
      while (todo.length > 0) {
        const rev = todo.pop()!;
        reached?.add(rev);
        if (seen.has(rev)) continue;
        seen.add(rev);
        for (const id of next(rev)) {
          const nextRev = map.get(id);
          if (!nextRev || nextRev.revision !== id) throw new RevisionError('Dependency resolution failed; broken map');
          todo.push(nextRev);
        }
        out.push(rev);
      }
      if (reached) {
        const overlaps = targets.filter((t) => t !== target && reached.has(t));
        if (overlaps.length > 0) {
          throw new RevisionError(
            `Requested revision ${target.revision} overlaps with other requested revisions ${overlaps.map((r) => r.revision).join(', ')}`,
          );
        }
      }
    }
    return out;
  }

  private resolveRevisionNumber(ident: string | null): [readonly string[], string | null] {
    let branchLabel: string | null = null;
    let id = ident;
    if (id !== null && id.includes('@')) {
      const at = id.indexOf('@');
      branchLabel = id.slice(0, at);
      id = id.slice(at + 1);
    }
    this.build();
    if (id === 'heads') {
      return [branchLabel ? this.filterForLineage(this.heads, branchLabel) : this.realHeads, branchLabel];
    }
    if (id === 'head') {
      const head = this.getCurrentHead(branchLabel);
      return [head ? [head] : [], branchLabel];
    }
    if (id === 'base' || id === null) return [[], branchLabel];
    return [[id], branchLabel];
  }

  private resolveBranch(branchLabel: string): R | null {
    const rev = this.build().byIdent.get(branchLabel);
    if (rev) return rev;
    try {
      return this.revisionForIdent(branchLabel);
    } catch (error) {
      if (error instanceof ResolutionError) {
        throw new ResolutionError(`No such branch: '${branchLabel}'`, branchLabel, { cause: error });
      }
      throw error;
    }
  }

  private revisionForIdent(ident: string | null, checkBranch: string | null = null): R | null {
    const branchRev = checkBranch ? this.resolveBranch(checkBranch) : null;
    const { byIdent } = this.build();
    let rev = ident === null ? null : byIdent.get(ident);
    if (rev === undefined) {
      const prefix = ident as string;
      let candidates = prefix === '' ? [] : [...byIdent.keys()].filter((k) => k.length > 3 && k.startsWith(prefix));
      if (branchRev) candidates = this.filterForLineage(candidates, checkBranch);
      if (candidates.length === 0) {
        const hint =
          prefix.length < 4 ? '; please ensure at least four characters are present for partial revision identifier matches' : '';
        throw new ResolutionError(`No such revision or branch '${prefix}'${hint}`, prefix);
      }
      if (candidates.length > 1) {
        const listed = candidates
          .slice(0, 3)
          .map((c) => `'${c}'`)
          .join(', ');
        throw new ResolutionError(`Multiple revisions start with '${prefix}': ${listed}...`, prefix);
      }
      rev = byIdent.get(candidates[0])!;
    }
    if (checkBranch && rev !== null && !this.sharesLineage(rev, [branchRev!])) {
      throw new ResolutionError(`Revision ${rev.revision} is not a member of branch '${checkBranch}'`, ident as string);
    }
    return rev;
  }

  private sharesLineage(target: string | R, against: readonly (string | R | null)[], includeDependencies = false): boolean {
    if (against.length === 0) return true;
    const resolvedTarget = typeof target === 'string' ? this.revisionForIdent(target) : target;
    if (resolvedTarget === null) return false;
    const resolvedAgainst = new Set(against.map((a) => (typeof a === 'string' ? this.revisionForIdent(a) : a)));
    const related = [
      ...this.descendantNodes([resolvedTarget], { includeDependencies }),
      ...this.ancestorNodes([resolvedTarget], { includeDependencies }),
    ];
    return related.some((rev) => resolvedAgainst.has(rev));
  }

  private filterIntoBranchHeads(targets: Set<R>): Set<R> {
    const result = new Set(targets);
    for (const rev of [...result]) {
      const above = this.descendantNodes([rev], { includeDependencies: false });
      if (above.some((r) => r !== rev && result.has(r))) result.delete(rev);
    }
    return result;
  }

  /**
   * Orders revisions so each comes after everything above it (newest first), walking one
   * branch as far as possible before the next, branches taken in file order.
   */
  private topologicalSort(revisions: Iterable<R>, heads: readonly (R | null)[]): string[] {
    const { byIdent, order } = this.build();
    const levels = this.levels();
    const parentsOf = (rev: R) => rev.normalizedDownRevisions.map((id) => byIdent.get(id)!);
    const searchFrom = (id: string) => new AncestorSearch(byIdent.get(id)!, levels, parentsOf);
    const todo = new Set([...revisions].map((r) => r.revision));
    const currentHeads = [...new Set(heads.filter(isRevision).map((h) => h.revision))]
      .filter((id) => todo.has(id))
      .sort((a, b) => order.get(a)! - order.get(b)!);
    const ancestorsByIdx = currentHeads.map(searchFrom);
    const output: string[] = [];

    let idx = 0;
    while (currentHeads.length > 0) {
      const candidate = currentHeads[idx];
      const candidateRev = byIdent.get(candidate)!;
      const blockedBy = ancestorsByIdx.findIndex((ancestors, i) => i !== idx && ancestors.has(candidateRev));
      if (blockedBy >= 0) {
        // Another head still has to pass through this revision: walk that one first.
        idx = blockedBy;
        continue;
      }
      if (todo.delete(candidate)) output.push(candidate);

      const headsToAdd = candidateRev.normalizedDownRevisions.filter((r) => todo.has(r) && !currentHeads.includes(r));
      if (headsToAdd.length === 0) {
        currentHeads.splice(idx, 1);
        ancestorsByIdx.splice(idx, 1);
        idx = Math.max(idx - 1, 0);
      } else if (candidateRev.normalizedResolvedDependencies.length === 0 && candidateRev.versionedDownRevisions.length === 1) {
        // A plain step down a line: the head's ancestors are the old ones less the emitted revision.
        currentHeads[idx] = headsToAdd[0];
        ancestorsByIdx[idx].dropRoot(candidateRev);
      } else {
        currentHeads[idx] = headsToAdd[0];
        currentHeads.push(...headsToAdd.slice(1));
        ancestorsByIdx[idx] = searchFrom(headsToAdd[0]);
        ancestorsByIdx.push(...headsToAdd.slice(1).map(searchFrom));
      }
    }
    if (todo.size > 0) throw new RevisionError(`Could not order revisions ${[...todo].join(', ')}`);
    return output;
  }

  /** Each revision's height: 0 for a revision with nothing below it, else one above its highest parent. */
  private levels(): Map<R, number> {
    const built = this.build();
    if (built.levels) return built.levels;
    const levels = new Map<R, number>();
    for (const start of built.order.keys()) {
      // Iterative post-order: histories of many thousand revisions would overflow a recursive walk.
      const stack: R[] = [built.byIdent.get(start)!];
      while (stack.length > 0) {
        const rev = stack[stack.length - 1];
        if (levels.has(rev)) {
          stack.pop();
          continue;
        }
        const parents = rev.normalizedDownRevisions.map((id) => built.byIdent.get(id)!);
        const pending = parents.filter((p) => !levels.has(p));
        if (pending.length > 0) {
          stack.push(...pending);
          continue;
        }
        stack.pop();
        levels.set(rev, parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => levels.get(p)!)));
      }
    }
    built.levels = levels;
    return levels;
  }

  private parseDowngradeTarget(
    currentRevisions: RevisionIdentifier,
    target: string | null,
    assertRelativeLength: boolean,
  ): [string | null, WalkResult<R>] {
    if (target === null) return [null, null];
    const match = RELATIVE_DESTINATION.exec(target);
    if (match) {
      let branchLabel: string | null = match[1] ?? null;
      let symbol: string | null = match[2] ?? null;
      const relative = match[3];
      const steps = Number.parseInt(relative, 10);
      if (steps >= 0) {
        if (symbol === null) throw relativeError(relative, steps);
        const rev = this.walk(symbol, steps, branchLabel, assertRelativeLength);
        if (rev === null) throw new RevisionError('Walked too far');
        return [branchLabel, rev];
      }
      const relativeToCurrent = symbol === null;
      if (relativeToCurrent) {
        const current = toIds(currentRevisions);
        if (branchLabel) {
          let onBranch = this.filterForLineage(current, branchLabel);
          if (onBranch.length === 0) {
            // Other branch heads may all depend on the single current head.
            onBranch = this.filterForLineage([...this.getAllCurrent(current)], branchLabel).map((r) => r.revision);
          }
          if (onBranch.length !== 1) {
            throw new RevisionError(`Relative revision ${relative} is ambiguous on branch '${branchLabel}'`);
          }
          symbol = onBranch[0];
        } else {
          if (current.length === 0) throw relativeError(relative, steps);
          symbol = current[0];
          // Restrict the walk to the selected branch when branches are ambiguous.
          branchLabel = symbol;
        }
      }
      const start = branchLabel === null ? this.getRevision(symbol) : this.getRevision(`${branchLabel}@${symbol}`);
      const rev = this.walk(start, steps, null, assertRelativeLength);
      if (rev === null) throw relativeToCurrent ? relativeError(relative, steps) : new RevisionError('Walked too far');
      return [branchLabel, rev];
    }
    const at = target.lastIndexOf('@');
    const branchLabel = at > 0 ? target.slice(0, at) : null;
    return [branchLabel, this.getRevision(target.slice(at + 1))];
  }

  private parseUpgradeTarget(
    currentRevisions: RevisionIdentifier,
    target: RevisionIdentifier,
    assertRelativeLength: boolean,
  ): WalkResult<R>[] {
    const match = typeof target === 'string' ? RELATIVE_DESTINATION.exec(target) : null;
    if (!match) return this.getRevisions(target);

    const branchLabel = match[1] ?? null;
    const symbol = match[2] ?? null;
    const relativeText = match[3];
    const steps = Number.parseInt(relativeText, 10);
    if (steps > 0) {
      if (symbol !== null) {
        return [this.walk(this.getRevision(symbol), steps, branchLabel, assertRelativeLength)];
      }
      const current: (string | null)[] = toIds(currentRevisions);
      if (current.length === 0) current.push(null);
      let start: (string | R | null)[] = current;
      if (branchLabel) {
        const currentRevs = this.getRevisions(current as string[]).filter(isRevision);
        start = this.filterForLineage(currentRevs, branchLabel);
        if (start.length === 0) {
          // The branch is not at a head: start from its tip below the current revisions.
          const active = this.filterForLineage(this.ancestorNodes(currentRevs), branchLabel);
          const below = new Set(active.flatMap((r) => r.normalizedDownRevisions));
          start = [...new Set(active.map((r) => r.revision))].filter((id) => !below.has(id));
          if (start.length === 0) start = [null];
        }
      }
      if (start.length > 1) throw new RevisionError('Ambiguous upgrade from multiple current revisions');
      const rev = this.walk(start[0], steps, branchLabel, assertRelativeLength);
      if (rev === null) throw relativeError(relativeText, steps);
      return [rev];
    }
    if (symbol === null) throw relativeError(String(steps), steps);
    const start = branchLabel === null ? this.getRevision(symbol) : this.getRevision(`${branchLabel}@${symbol}`);
    return [this.walk(start, steps, null, assertRelativeLength)];
  }

  private collectDowngradeRevisions(
    upper: RevisionIdentifier,
    target: RevisionIdentifier,
    inclusive: boolean,
    implicitBase: boolean,
    assertRelativeLength: boolean,
  ): [Set<R>, (R | null)[]] {
    if (target !== null && typeof target !== 'string') throw new RevisionError('Expected downgrade target in string form');
    const [branchLabel, parsed] = this.parseDowngradeTarget(upper, target, assertRelativeLength);
    const targetRevision = parsed === BASE ? null : parsed;

    let roots: R[];
    if (targetRevision === null) {
      // Alembic scans its lookup table, where a labelled base appears once per label as well.
      roots = [...this.build().byIdent.values()].filter((rev) => rev.downRevision === null);
    } else if (inclusive) {
      roots = [targetRevision];
    } else {
      roots = this.getRevisions([...targetRevision.nextRevisions]).filter(isRevision);
    }
    if (branchLabel && roots.length > 1) {
      const onBranch = new Set(this.ancestorNodes([this.resolveBranch(branchLabel)].filter(isRevision), { includeDependencies: false }));
      roots = [...new Set(roots)].filter((rev) => onBranch.has(rev));
      if (roots.length === 0) throw new RevisionError('Not a valid downgrade target from current heads');
    }

    const heads = this.getRevisions(upper);
    const active = new Set(this.ancestorNodes(heads.filter(isRevision)));
    const toDrop = new Set(this.descendantNodes(roots).filter((rev) => active.has(rev)));
    if (implicitBase) {
      const belowRoots = new Set(this.ancestorNodes(roots));
      for (const rev of active) if (!belowRoots.has(rev)) toDrop.add(rev);
    }
    if (targetRevision !== null && toDrop.size === 0 && !heads.includes(targetRevision)) {
      throw new RangeNotAncestorError('Nothing to drop', upper);
    }
    return [toDrop, heads];
  }

  private collectUpgradeRevisions(
    upper: RevisionIdentifier,
    lower: RevisionIdentifier,
    inclusive: boolean,
    implicitBase: boolean,
    assertRelativeLength: boolean,
  ): [Set<R>, R[]] {
    let targets = this.parseUpgradeTarget(lower, upper, assertRelativeLength).map((t) => {
      if (!isRevision(t)) throw new RevisionError(`Relative revision ${String(upper)} walked past the end of the history`);
      return t;
    });
    // `branch@...` as the lower bound: only targets on that branch.
    if (typeof lower === 'string' && lower.includes('@')) {
      let branch = lower.slice(0, lower.indexOf('@'));
      const branchRev = this.getRevision(branch);
      if (branchRev !== null && branchRev.revision === branch) {
        // A revision id was used as the label: take its branch's label instead.
        if (branchRev.branchLabels.size !== 1) {
          throw new RevisionError(`Revision ${branch} does not carry exactly one branch label`);
        }
        branch = [...branchRev.branchLabels][0];
      }
      targets = targets.filter((t) => t.branchLabels.has(branch));
    }

    const required = new Set([...this.ancestorNodes(targets, { check: true }), ...targets]);
    let current = this.getRevisions(lower);
    if (!implicitBase && current.some((rev) => rev !== null && !required.has(rev))) {
      throw new RangeNotAncestorError(lower, upper);
    }
    let lowerIdent = lower;
    if (current.length > 0 && current[0] === null) {
      // A relative lower bound that get_revisions could not place.
      const [, rev] = this.parseDowngradeTarget(upper, lower as string, assertRelativeLength);
      if (rev === BASE || rev === null) {
        current = [];
        lowerIdent = null;
      } else {
        current = [rev];
        lowerIdent = rev.revision;
      }
    }
    const currentRevs = current.filter(isRevision);
    const currentNodes = new Set([...this.ancestorNodes(currentRevs, { check: true }), ...currentRevs]);
    const needs = new Set([...required].filter((rev) => !currentNodes.has(rev)));
    if (inclusive) for (const rev of this.getRevisions(lowerIdent)) if (rev) needs.add(rev);
    if (currentRevs.length > 0 && !implicitBase) {
      const aboveLower = new Set(this.descendantNodes(currentRevs, { check: true, includeDependencies: false }));
      for (const rev of needs) if (!aboveLower.has(rev)) needs.delete(rev);
    }
    return [needs, targets];
  }
}

function isRevision<R extends Revision>(value: WalkResult<R> | undefined): value is R {
  return value instanceof Revision;
}

function baseAsNull<R>(value: WalkResult<R>): R | null {
  return value === BASE ? null : value;
}

function relativeError(relative: string, steps: number): RevisionError {
  return new RevisionError(`Relative revision ${relative} didn't produce ${Math.abs(steps)} migrations`);
}
