/**
 * What the analysis knows without reading a method's bytecode: the JDK {@link
 * dev.farcall.heuristics.knowledge.KnowledgeBase} (a data file, extensible by a user-supplied file)
 * and the programmer's {@link dev.farcall.heuristics.knowledge.Declarations} ({@code @Pure},
 * {@code @Pinned}, {@code @Remote} for code that cannot be annotated).
 */
package dev.farcall.heuristics.knowledge;
