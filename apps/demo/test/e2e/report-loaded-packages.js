// Preloaded (`node -r`) by the e2e specs to learn what the built demo loads: at exit, writes the
// names of the packages in require's cache, one per line, to the file named by LOADED_PACKAGES.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (match) names.add(match[1]);
  }
  writeFileSync(process.env.LOADED_PACKAGES, [...names].sort().join('\n'));
});
