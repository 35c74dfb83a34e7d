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
  for (const table of tables) {
    pending.set(table, new Set([...(references.get(table) ?? [])].filter((t) => t !== table && members.has(t))));
  }
  const order: string[] = [];
  const deferred: Array<[string, string]> = [];
  while (pending.size) {
    const ready = [...pending.keys()].filter((t) => pending.get(t)?.size === 0).sort();
    if (ready.length === 0) {
      const [first] = [...pending.keys()].sort();
      for (const target of pending.get(first) ?? []) deferred.push([first, target]);
      pending.get(first)?.clear();
      continue;
    }
    for (const table of ready) {
      order.push(table);
      pending.delete(table);
      for (const waiting of pending.values()) waiting.delete(table);
    }
  }
  return { order, deferred };
}
