import { DependencyLoopDetectedError, IllegalRevisionIdError, LoopDetectedError } from './errors';

/** A revision reference as written in a revision file: one id, several, or none. */
export type RevisionIds = string | readonly string[] | null;

/** What a revision declares about itself (the exported constants of a revision file). */
export interface RevisionDeclaration {
  revision: string;
  downRevision: RevisionIds;
  dependsOn?: RevisionIds;
  branchLabels?: RevisionIds;
}

const ILLEGAL_ID_CHARS = ['@', '-', '+'];

/** Normalises a scalar-or-list reference to a list; `null` and `''` become `[]`. */
export function toIds(ids: RevisionIds | undefined): string[] {
  if (ids === null || ids === undefined || ids === '') return [];
  return typeof ids === 'string' ? [ids] : [...ids];
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * One node of the revision graph. `RevisionMap` fills in the links (`nextRevisions`,
 * resolved dependencies, inherited branch labels) when it is built; everything else
 * comes from the declaration. Mirrors Alembic's `Revision`.
 */
export class Revision {
  readonly revision: string;
  /** The declared down-revision(s): null for a base, an array only for a merge point. */
  readonly downRevision: string | readonly string[] | null;
  /** The declared dependencies, as written (ids or branch labels). */
  readonly dependsOn: string | readonly string[] | null;
  /** Labels declared on this revision itself. */
  readonly declaredBranchLabels: readonly string[];
  /** Declared labels plus those inherited along the branch. */
  readonly branchLabels: Set<string>;

  /** Children through down-revisions only. */
  nextRevisions = new Set<string>();
  /** Children through down-revisions and dependencies. */
  allNextRevisions = new Set<string>();
  /** Down-revisions only: the parents whose rows the version table tracks. */
  readonly versionedDownRevisions: readonly string[];
  /** `dependsOn` resolved to revision ids (labels replaced by their revision). */
  private resolved: readonly string[] = [];
  /** Resolved dependencies that are not already ancestors through another path. */
  private normalized: readonly string[] = [];
  /** Down-revisions plus every resolved dependency. */
  allDownRevisions: readonly string[];
  /** Down-revisions plus the dependencies not already reached through an ancestor. */
  normalizedDownRevisions: readonly string[];

  constructor(declaration: RevisionDeclaration) {
    const { revision } = declaration;
    const down = toIds(declaration.downRevision);
    const deps = toIds(declaration.dependsOn);
    if (down.includes(revision)) throw new LoopDetectedError(revision);
    if (deps.includes(revision)) throw new DependencyLoopDetectedError(revision);
    const illegal = ILLEGAL_ID_CHARS.filter((c) => revision.includes(c)).sort();
    if (illegal.length > 0) throw new IllegalRevisionIdError(revision, illegal);

    this.revision = revision;
    this.downRevision = asScalar(down);
    this.versionedDownRevisions = down;
    this.allDownRevisions = down;
    this.normalizedDownRevisions = down;
    this.dependsOn = asScalar(deps);
    this.declaredBranchLabels = toIds(declaration.branchLabels);
    this.branchLabels = new Set(this.declaredBranchLabels);
  }

  /** Records `child` as a successor; it counts as a versioned child only through its down-revision. */
  addNextRevision(child: Revision): void {
    this.allNextRevisions.add(child.revision);
    if (child.versionedDownRevisions.includes(this.revision)) this.nextRevisions.add(child.revision);
  }

  get resolvedDependencies(): readonly string[] {
    return this.resolved;
  }

  set resolvedDependencies(ids: readonly string[]) {
    this.resolved = ids;
    this.allDownRevisions = dedupe([...this.versionedDownRevisions, ...ids]);
  }

  get normalizedResolvedDependencies(): readonly string[] {
    return this.normalized;
  }

  set normalizedResolvedDependencies(ids: readonly string[]) {
    this.normalized = ids;
    this.normalizedDownRevisions = dedupe([...this.versionedDownRevisions, ...ids]);
  }

  /** No revision has this one as its down-revision. */
  get isHead(): boolean {
    return this.nextRevisions.size === 0;
  }

  /** No revision has this one as its down-revision or as a dependency. */
  get isRealHead(): boolean {
    return this.allNextRevisions.size === 0;
  }

  get isBase(): boolean {
    return this.downRevision === null;
  }

  /** A base that depends on nothing either. */
  get isRealBase(): boolean {
    return this.downRevision === null && this.dependsOn === null;
  }

  get isBranchPoint(): boolean {
    return this.nextRevisions.size > 1;
  }

  get isRealBranchPoint(): boolean {
    return this.allNextRevisions.size > 1;
  }

  get isMergePoint(): boolean {
    return this.versionedDownRevisions.length > 1;
  }
}

function asScalar(ids: string[]): string | readonly string[] | null {
  if (ids.length === 0) return null;
  return ids.length === 1 ? ids[0] : ids;
}
