// The call graph model the views draw: the program's methods with their placement decision, and
// the calls between them. Built from GET /programs/{id}/analysis and /placement.

/** Decisions in the order the legend and the aggregate pies show them. */
export const DECISIONS = ['REMOTE', 'LOCAL', 'PINNED', 'NOT_TRANSFERABLE', 'UNPLACED'];

export function keyOf(m) {
  return `${m.className}#${m.methodName}${m.descriptor}`;
}

/**
 * Methods (with decision, reason, effects, reasons, estimates) and edges [callerKey, calleeKey]
 * between program methods. A method without a plan decision is NOT_TRANSFERABLE when the analysis
 * says it may not move, UNPLACED otherwise (no call site or entry point reaches it).
 */
export function buildModel(analysis, placement) {
  const decisions = new Map();
  for (const d of (placement && placement.decisions) || []) decisions.set(keyOf(d), d);
  const methods = analysis.methods.map((m) => {
    const key = keyOf(m);
    const d = decisions.get(key);
    return {
      key,
      className: m.className,
      methodName: m.methodName,
      descriptor: m.descriptor,
      movable: m.movable,
      effects: m.effects,
      reasons: m.reasons,
      declarations: m.declarations,
      decision: d ? d.decision : m.movable ? 'UNPLACED' : 'NOT_TRANSFERABLE',
      reason: d ? d.reason : m.movable ? 'no call site or entry point reaches it' : (m.reasons[0] || 'may not move'),
      estimates: d ? d.estimates : null,
    };
  });
  const known = new Set(methods.map((m) => m.key));
  const edges = [];
  for (const e of analysis.edges) {
    if (known.has(e.caller) && known.has(e.callee) && e.caller !== e.callee) edges.push([e.caller, e.callee]);
  }
  return { methods, edges };
}

/** The keys of methods whose decision differs between two plans, with both decisions. */
export function changes(current, other) {
  const before = new Map(current.decisions.map((d) => [keyOf(d), d.decision]));
  return other.decisions
    .filter((d) => before.get(keyOf(d)) !== d.decision)
    .map((d) => ({ key: keyOf(d), from: before.get(keyOf(d)) || '-', to: d.decision, reason: d.reason }));
}
