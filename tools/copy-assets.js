#!/usr/bin/env node
// Copies every file tsc does not emit (collection.json, schema.json, templates, and
// hand-written *.schema.d.ts declarations) from a source folder to its build output,
// keeping the folder structure: devkit loads these files from beside the compiled factories.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function copyAssets(sourceDir, outDir) {
  let copied = 0;
  for (const entry of fs.readdirSync(sourceDir, { withFileTypes: true })) {
    const from = path.join(sourceDir, entry.name);
    const to = path.join(outDir, entry.name);
    if (entry.isDirectory()) {
      copied += copyAssets(from, to);
    } else if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) {
      fs.mkdirSync(outDir, { recursive: true });
      fs.copyFileSync(from, to);
      copied += 1;
    }
  }
  return copied;
}

if (require.main === module) {
  const [sourceDir, outDir] = process.argv.slice(2);
  if (!sourceDir || !outDir) {
    console.error('usage: node tools/copy-assets.js <source-dir> <out-dir>');
    process.exit(2);
  }
  copyAssets(sourceDir, outDir);
}

module.exports = { copyAssets };
