package dev.farcall.coordinator.invocation;

import dev.farcall.model.wire.MethodRef;

/**
 * Whether running a method twice is harmless: the analysis of the program finds it free of effects
 * (nondeterminism aside, since only one answer reaches the caller). Unknown is not effect-free: a
 * program whose analysis is not done, or a method it does not list, answers false.
 */
@FunctionalInterface
interface EffectFreeMethods {

  boolean isEffectFree(String programId, MethodRef method);
}
