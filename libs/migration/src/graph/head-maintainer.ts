import { RevisionError } from './errors';
import { MigrationStep } from './steps';

/** One row change in the version table. */
export type VersionChange =
  { kind: 'insert'; version: string } | { kind: 'delete'; version: string } | { kind: 'update'; from: string; to: string };

/**
 * Tracks the heads recorded in the version table and turns each step into the row
 * changes Alembic's HeadMaintainer makes. Pure: the runtime executes the changes
 * (and checks that each UPDATE/DELETE touched exactly one row).
 */
export class HeadMaintainer {
  readonly heads: Set<string>;

  constructor(heads: Iterable<string>) {
    this.heads = new Set(heads);
  }

  updateToStep(step: MigrationStep): VersionChange[] {
    const heads = this.heads;
    if (step.shouldDeleteBranch(heads)) return [this.delete(step.deleteVersionNum)];
    if (step.shouldCreateBranch(heads)) return [this.insert(step.insertVersionNum)];
    if (step.shouldMergeBranches(heads)) {
      const [deletes, from, to] = step.mergeBranchIdents(heads);
      return [...deletes.map((v) => this.delete(v)), this.update(from, to)];
    }
    if (step.shouldUnmergeBranches(heads)) {
      const [from, to, inserts] = step.unmergeBranchIdents(heads);
      return [...inserts.map((v) => this.insert(v)), this.update(from, to)];
    }
    const [from, to] = step.updateVersionNum(heads);
    return [this.update(from, to)];
  }

  private insert(version: string): VersionChange {
    if (this.heads.has(version)) throw new RevisionError(`Revision ${version} is already in the version table`);
    this.heads.add(version);
    return { kind: 'insert', version };
  }

  private delete(version: string): VersionChange {
    if (!this.heads.delete(version)) throw new RevisionError(`Revision ${version} is not in the version table`);
    return { kind: 'delete', version };
  }

  private update(from: string, to: string): VersionChange {
    if (this.heads.has(to)) throw new RevisionError(`Revision ${to} is already in the version table`);
    if (!this.heads.delete(from)) throw new RevisionError(`Revision ${from} is not in the version table`);
    this.heads.add(to);
    return { kind: 'update', from, to };
  }
}
