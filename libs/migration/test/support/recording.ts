import { DataSource } from 'typeorm';
import type { Output } from '../../src/commands/output';
import { parseDatabaseUrl } from '../../src/runtime/database-url';

/** An Output that keeps what a command reports: progress and warnings as lines, `--sql` text as one script. */
export function recorder(): Output & { lines: string[]; script: string } {
  const out = {
    lines: [] as string[],
    script: '',
    info: (line: string) => out.lines.push(line),
    sql: (text: string) => (out.script += text),
    warn: (line: string) => out.lines.push(`warning: ${line}`),
  };
  return out;
}

/** A connection of the test's own to a test database, for the duration of `use`. */
export async function withDataSource<T>(url: string, use: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
