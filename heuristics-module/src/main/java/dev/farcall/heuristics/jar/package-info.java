/**
 * Reads an uploaded jar into the set of classes that make up the program: plain and shaded jars,
 * and jars nesting other jars ({@code BOOT-INF/lib/*.jar}, {@code lib/*.jar}, ...), all guarded by
 * {@link dev.farcall.heuristics.jar.JarLimits} against hostile archives.
 */
package dev.farcall.heuristics.jar;
