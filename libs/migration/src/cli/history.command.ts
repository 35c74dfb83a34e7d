import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { formatDot } from './format/history-graph/dot';
import { formatHistoryGraph, GraphHighlight } from './format/history-graph/graph-text';
import { formatMermaid } from './format/history-graph/mermaid';
import { CommandError } from '../errors';
import { paint, printJson, printLines, revisionJson } from './cli-output';
import { appliedTimes } from './format/current';
import { currentMarks, formatHistory } from './format/history';
import { MigrationCommand, SharedOptions } from './migration-command';

interface HistoryOptions {
  revRange?: string;
  indicateCurrent?: boolean;
  json?: boolean;
  graph?: boolean;
  format?: 'mermaid' | 'dot';
}

@Command(COMMANDS.history.meta)
export class HistoryCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & HistoryOptions): Promise<void> {
    const chosen = [options.graph && '--graph', options.format && '--format', options.json && '--json'].filter(Boolean);
    if (chosen.length > 1) throw new CommandError(`history takes one of --graph, --format and --json, not ${chosen.join(' and ')}`);
    const flags = this.flags(options);
    const revisions = await this.migrate.history({ ...flags, revRange: options.revRange });
    // -i needs the database; without it history reads only the revision files.
    const state = options.indicateCurrent ? await this.migrate.current(flags) : undefined;
    const current = state ? currentMarks(state) : new Map<string, true | string>();
    // When each revision ran, from the applied log: one database's (several have one each).
    const applied = state && !state.databases ? state.applied : [];
    // JSON: isCurrent, and with several databases currentIn when only some hold the revision; applied, the log's row.
    const json = (revision: string) => {
      const mark = current.get(revision);
      const row = applied.find((a) => a.revision === revision);
      return {
        isCurrent: mark !== undefined,
        ...(typeof mark === 'string' ? { currentIn: mark.split(', ') } : {}),
        ...(row ? { applied: row.entry } : {}),
      };
    };
    if (options.json) printJson(revisions.map((r) => revisionJson(r, options.indicateCurrent ? json(r.revision) : {})));
    else if (options.format === 'mermaid') printLines(formatMermaid(revisions, current));
    else if (options.format === 'dot') printLines(formatDot(revisions, current));
    else if (options.graph) {
      const highlight = (role: GraphHighlight, text: string) => paint(process.stdout, role === 'head' ? 'green' : 'cyan', text);
      printLines(formatHistoryGraph(revisions, { verbose: options.verbose, current, highlight }));
    } else printLines(formatHistory(revisions, options.verbose, current, appliedTimes({ applied })));
  }

  @Option(OPTIONS.revRange)
  parseRevRange(value: string): string {
    return value;
  }

  @Option(OPTIONS.indicateCurrent)
  parseIndicateCurrent(): boolean {
    return true;
  }

  @Option(OPTIONS.graph)
  parseGraph(): boolean {
    return true;
  }

  @Option(OPTIONS.format)
  parseFormat(value: string): HistoryOptions['format'] {
    if (value !== 'mermaid' && value !== 'dot') throw new CommandError(`history --format takes mermaid or dot, not '${value}'`);
    return value;
  }

  @Option(OPTIONS.json)
  parseJson(): boolean {
    return true;
  }
}
