import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * This library's own package.json (`name`, `version`): the CLI's `--version`, and the tool
 * version each applied-log row records. Read beside the compiled files (`dist/`, or `src/` under Jest).
 */
export const PACKAGE = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { name: string; version: string };
