import { RevisionError } from './errors';
import { Revision } from './revision';
import { RevisionMap } from './revision-map';

/**
 * One movement of the version table: running a revision's upgrade or downgrade
 * (`RevisionStep`) or moving the table without running anything (`StampStep`).
 * The `should*` predicates tell `HeadMaintainer` which rows change; they are
 * Alembic's, so the version table holds the same rows as Alembic's would.
 */
export type MigrationStep = RevisionStep | StampStep;

export class RevisionStep<R extends Revision = Revision> {
  readonly kind = 'revision';

  constructor(
    private readonly map: RevisionMap<R>,
    readonly revision: R,
    readonly isUpgrade: boolean,
  ) {}

  get isDowngrade(): boolean {
    return !this.isUpgrade;
  }

  /** Where the table comes from, counting dependencies. */
  get fromRevisions(): readonly string[] {
    return this.isUpgrade ? this.revision.normalizedDownRevisions : [this.revision.revision];
  }

  /** Where it comes from by down-revision only (for log lines). */
  get fromRevisionsNoDeps(): readonly string[] {
    return this.isUpgrade ? this.revision.versionedDownRevisions : [this.revision.revision];
  }

  get toRevisions(): readonly string[] {
    return this.isUpgrade ? [this.revision.revision] : this.revision.normalizedDownRevisions;
  }

  get toRevisionsNoDeps(): readonly string[] {
    return this.isUpgrade ? [this.revision.revision] : this.revision.versionedDownRevisions;
  }

  /** Downgrading a revision whose row would have nowhere to go: delete it. */
  shouldDeleteBranch(heads: ReadonlySet<string>): boolean {
    if (!this.isDowngrade || !heads.has(this.revision.revision)) return false;
    if (this.revision.normalizedDownRevisions.length === 0) return true;
    return this.unmergeToRevisions(heads).length === 0;
  }

  /** Upgrading a base, or a revision none of whose parents is in the table: insert it. */
  shouldCreateBranch(heads: ReadonlySet<string>): boolean {
    if (!this.isUpgrade) return false;
    const downs = this.revision.normalizedDownRevisions;
    return downs.length === 0 || !downs.some((d) => heads.has(d));
  }

  shouldMergeBranches(heads: ReadonlySet<string>): boolean {
    if (!this.isUpgrade) return false;
    const downs = this.revision.normalizedDownRevisions;
    return downs.length > 1 && downs.filter((d) => heads.has(d)).length > 1;
  }

  shouldUnmergeBranches(heads: ReadonlySet<string>): boolean {
    return this.isDowngrade && heads.has(this.revision.revision) && this.revision.normalizedDownRevisions.length > 1;
  }

  /**
   * Rows to delete, then the row to update and its new value. Unlike Alembic, only parents
   * that are rows take part: a dependency that another row already implies has no row of
   * its own, and Alembic's attempt to delete it fails with a KeyError.
   */
  mergeBranchIdents(heads: ReadonlySet<string>): [string[], string, string] {
    const others = [...heads].filter((h) => !this.fromRevisions.includes(h));
    let from = this.fromRevisions.filter((id) => heads.has(id));
    if (others.length > 0) {
      const below = this.ancestorIds(others);
      from = from.filter((id) => !below.has(id));
    }
    return [from.slice(0, -1), from[from.length - 1], this.toRevisions[0]];
  }

  /** The row to update, its new value, then rows to insert. */
  unmergeBranchIdents(heads: ReadonlySet<string>): [string, string, string[]] {
    const to = this.unmergeToRevisions(heads);
    return [this.fromRevisions[0], to[to.length - 1], to.slice(0, -1)];
  }

  /** The single row this step moves along a plain line. */
  updateVersionNum(heads: ReadonlySet<string>): [string, string] {
    const downs = this.revision.normalizedDownRevisions;
    let down = downs[0];
    if (downs.length !== 1) {
      const present = downs.filter((d) => heads.has(d));
      if (present.length !== 1) {
        throw new RevisionError(`Cannot move revision ${this.revision.revision}: its down-revision in the version table is ambiguous`);
      }
      down = present[0];
    }
    return this.isUpgrade ? [down, this.revision.revision] : [this.revision.revision, down];
  }

  get deleteVersionNum(): string {
    return this.revision.revision;
  }

  get insertVersionNum(): string {
    return this.revision.revision;
  }

  /** Parents that must come back as rows when this revision's row goes, minus those another head still implies. */
  private unmergeToRevisions(heads: ReadonlySet<string>): string[] {
    const others = [...heads].filter((h) => h !== this.revision.revision);
    if (others.length === 0) return [...this.toRevisions];
    const below = this.ancestorIds(others);
    return this.toRevisions.filter((id) => !below.has(id));
  }

  private ancestorIds(ids: string[]): Set<string> {
    const revs = this.map.getRevisions(ids).filter((r): r is R => r !== null);
    return new Set(this.map.ancestorNodes(revs).map((r) => r.revision));
  }
}

export class StampStep {
  readonly kind = 'stamp';

  constructor(
    readonly from: readonly string[],
    readonly to: readonly string[],
    readonly isUpgrade: boolean,
    /** The stamp creates or removes a whole branch rather than moving one. */
    readonly branchMove: boolean,
  ) {}

  get isDowngrade(): boolean {
    return !this.isUpgrade;
  }

  get fromRevisionsNoDeps(): readonly string[] {
    return this.from;
  }

  get toRevisionsNoDeps(): readonly string[] {
    return this.to;
  }

  get deleteVersionNum(): string {
    return single(this.from, 'from');
  }

  get insertVersionNum(): string {
    return single(this.to, 'to');
  }

  updateVersionNum(): [string, string] {
    return [single(this.from, 'from'), single(this.to, 'to')];
  }

  mergeBranchIdents(): [string[], string, string] {
    return [this.from.slice(0, -1), this.from[this.from.length - 1], this.to[0]];
  }

  unmergeBranchIdents(): [string, string, string[]] {
    return [this.from[0], this.to[this.to.length - 1], this.to.slice(0, -1)];
  }

  shouldDeleteBranch(): boolean {
    return this.isDowngrade && this.branchMove;
  }

  shouldCreateBranch(heads: ReadonlySet<string>): boolean {
    return this.isUpgrade && (this.branchMove || this.from.some((f) => !heads.has(f))) && this.to.some((t) => !heads.has(t));
  }

  shouldMergeBranches(): boolean {
    return this.from.length > 1;
  }

  shouldUnmergeBranches(): boolean {
    return this.to.length > 1;
  }
}

function single(ids: readonly string[], side: string): string {
  if (ids.length !== 1) throw new RevisionError(`Stamp step expected one '${side}' revision, got ${ids.length}`);
  return ids[0];
}
