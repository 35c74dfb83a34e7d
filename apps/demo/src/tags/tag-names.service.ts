import { Injectable } from '@nestjs/common';
import type { MigrationOps } from '@nest-migrate/migration';

/**
 * The tag names every new database starts with, and how the app spells a tag. Registered for
 * the CLI too, so a data migration reuses it (`op.get(TagNames)`) instead of copying its rules.
 */
@Injectable()
export class TagNames {
  readonly starters = ['News', 'How To', 'Release Notes'];

  /** `How To` -> `how-to`. */
  normalize(name: string): string {
    return name.trim().toLowerCase().replace(/\s+/g, '-');
  }

  /** Writes the starter tags through `op`, so it works online and under `--sql` alike. */
  async seed(op: MigrationOps): Promise<void> {
    await op.bulkInsert(
      'tags',
      this.starters.map((name) => ({ name: this.normalize(name) })),
    );
  }
}
