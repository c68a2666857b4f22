// The call graph model the views draw: the program's methods with their placement decision, and
// the calls between them. Built from GET /programs/{id}/analysis and /placement.

/** Decisions in the order the legend and the aggregate pies show them. */
export const DECISIONS = ['REMOTE', 'LOCAL', 'PINNED', 'NOT_TRANSFERABLE', 'UNPLACED'];

export function keyOf(m) {
  return `${m.className}#${m.methodName}${m.descriptor}`;
}

/**
 * The model of GET /programs/{id}/graph: methods {key, className, methodName, descriptor,
 * decision} and edges [callerKey, calleeKey]. The server has already decided what a method without
 * a plan decision is: NOT_TRANSFERABLE (may not move) or UNPLACED (no call reaches it).
 */
export function buildModel(graph) {
  const methods = graph.methods.map(([cls, methodName, descriptor, decision]) => {
    const className = graph.classes[cls];
    return { key: `${className}#${methodName}${descriptor}`, className, methodName, descriptor, decision };
  });
  const edges = graph.edges.map(([a, b]) => [methods[a].key, methods[b].key]);
  return { methods, edges, version: graph.version, heuristic: graph.heuristic };
}

/** The keys of methods whose decision differs between two plans, with both decisions. */
export function changes(current, other) {
  const before = new Map(current.decisions.map((d) => [keyOf(d), d.decision]));
  return other.decisions
    .filter((d) => before.get(keyOf(d)) !== d.decision)
    .map((d) => ({ key: keyOf(d), from: before.get(keyOf(d)) || '-', to: d.decision, reason: d.reason }));
}
