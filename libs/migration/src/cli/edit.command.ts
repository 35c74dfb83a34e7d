import { spawnSync } from 'node:child_process';
import { Command } from 'nest-commander';
import { COMMANDS } from './command-specs';
import { CommandError } from '../errors';
import { editCommandFor } from './editor';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.edit.meta)
export class EditCommand extends MigrationCommand {
  async run([revision]: string[], options: SharedOptions): Promise<void> {
    const editor = editCommandFor(process.env);
    const files = await this.migrate.revisionFiles(revision, this.flags(options));
    // Through the shell, as git runs its editor, so that `EDITOR="code --wait"` works.
    const quoted = files.map((file) => `'${file.replace(/'/g, "'\\''")}'`).join(' ');
    const result = spawnSync(`${editor} ${quoted}`, { shell: true, stdio: 'inherit' });
    if (result.status !== 0) throw new CommandError(`Editor '${editor}' exited with ${result.status ?? result.signal}`);
  }
}
