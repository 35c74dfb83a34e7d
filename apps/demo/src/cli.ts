/**
 * Runs a command-line verb instead of the HTTP server.
 * @param args the arguments after `main.js`; the first is the verb.
 * @returns the process exit code.
 */
export async function runCli(args: string[]): Promise<number> {
  process.stderr.write(`usage: main.js <command> (unknown command "${args[0]}")\n`);
  return 2;
}
