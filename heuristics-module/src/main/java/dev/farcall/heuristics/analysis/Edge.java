package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;

/** A call-graph edge (mutable, internal); see {@link CallSite} for the public form. */
final class Edge {

  /** Argument index meaning "a value the caller does not know". */
  static final int ARG_UNKNOWN = -1;

  /** Argument index meaning "nothing the caller owns" (fresh, or accounted for elsewhere). */
  static final int ARG_NONE = -2;

  final Node from;
  final Node to;
  final MethodId declared;
  final CallKind kind;
  final int instruction;

  /** For lambda edges: how many values the lambda captures; -1 for ordinary calls. */
  final int captured;

  /** Lambda implementation reached through a call of its functional interface. */
  final boolean lambdaDispatch;

  /** The lambda implementation is a constructor ({@code Foo::new}). */
  final boolean constructorReference;

  boolean concurrent;

  Edge(
      Node from,
      Node to,
      MethodId declared,
      CallKind kind,
      int instruction,
      int captured,
      boolean lambdaDispatch,
      boolean constructorReference) {
    this.from = from;
    this.to = to;
    this.declared = declared;
    this.kind = kind;
    this.instruction = instruction;
    this.captured = captured;
    this.lambdaDispatch = lambdaDispatch;
    this.constructorReference = constructorReference;
  }

  /**
   * Which argument at the call site (receiver first) becomes the callee's parameter {@code i}, or
   * {@link #ARG_UNKNOWN} / {@link #ARG_NONE}.
   */
  int argumentFor(int i) {
    if (captured < 0) {
      return i;
    }
    int j = i;
    if (constructorReference) {
      if (i == 0) {
        return ARG_NONE;
      }
      j = i - 1;
    }
    if (!lambdaDispatch) {
      // creator -> body: captured values are the indy's arguments, the rest come later
      return j < captured ? j : ARG_UNKNOWN;
    }
    // interface call -> body: captured values belong to the creator; SAM arguments follow receiver
    return j < captured ? ARG_NONE : j - captured + 1;
  }

  /** How the edge reads in an evidence chain: {@code Stage.apply (Logged)} for dispatch. */
  String display() {
    if (kind == CallKind.CALLBACK) {
      return to.displayName() + " (called back by the JDK)";
    }
    if (kind == CallKind.LAMBDA) {
      return to.isProgram() ? "lambda " + to.displayName() : to.displayName();
    }
    if (!declared.className().equals(to.ref.className()) && to.isProgram()) {
      String impl = to.ref.className().substring(to.ref.className().lastIndexOf('.') + 1);
      String decl =
          declared.className().substring(declared.className().lastIndexOf('.') + 1)
              + "."
              + declared.methodName();
      return decl + " (" + impl + ")";
    }
    return to.displayName();
  }
}
