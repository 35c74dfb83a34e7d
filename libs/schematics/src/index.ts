import { join } from 'node:path';

/** Absolute path of the devkit collection, for `SchematicTestRunner` and tools that load it by file. */
export const collectionPath = join(__dirname, 'collection.json');
