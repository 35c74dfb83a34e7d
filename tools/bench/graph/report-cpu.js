// Preloaded (`node -r`) by the history --graph benchmark: at exit, writes the process's CPU time
// (user + system, ms) to stderr as `cpu-ms <n>`, which, unlike wall time, another process
// sharing the cores hardly changes.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`cpu-ms ${(user + system) / 1000}\n`);
});
