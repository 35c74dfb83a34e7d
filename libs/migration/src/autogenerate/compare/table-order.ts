/**
 * Orders tables so each comes after the tables it refers to (Kahn's algorithm, ties by name so
 * the output is stable). A cycle is broken at the first remaining table by name: its references
 * into the cycle are returned as `deferred`, to be created (or dropped) as separate foreign keys.
 * @param references table -> the tables its foreign keys refer to (others than itself are kept)
 */
export function orderByReferences(
  tables: readonly string[],
  references: ReadonlyMap<string, ReadonlySet<string>>,
): { order: string[]; deferred: Array<[string, string]> } {
  const members = new Set(tables);
  const pending = new Map<string, Set<string>>();
  // Who waits for each table, so emitting a table touches only its dependents: hundreds of new
  // tables in a chain of foreign keys would otherwise be rescanned once per table.
  const dependents = new Map<string, string[]>();
  for (const table of tables) {
    const waitsFor = new Set([...(references.get(table) ?? [])].filter((t) => t !== table && members.has(t)));
    pending.set(table, waitsFor);
    for (const target of waitsFor) {
      const list = dependents.get(target);
      if (list === undefined) dependents.set(target, [table]);
      else list.push(table);
    }
  }
  const order: string[] = [];
  const deferred: Array<[string, string]> = [];
  // Each round emits every table whose references are all emitted, by name.
  let ready = [...pending.keys()].filter((t) => pending.get(t)?.size === 0).sort();
  while (pending.size) {
    if (ready.length === 0) {
      const [first] = [...pending.keys()].sort();
      for (const target of pending.get(first) ?? []) deferred.push([first, target]);
      pending.get(first)?.clear();
      ready = [first];
      continue;
    }
    const next: string[] = [];
    for (const table of ready) {
      order.push(table);
      pending.delete(table);
      for (const waiting of dependents.get(table) ?? []) {
        const waitsFor = pending.get(waiting);
        if (waitsFor?.delete(table) && waitsFor.size === 0) next.push(waiting);
      }
    }
    ready = next.sort();
  }
  return { order, deferred };
}
