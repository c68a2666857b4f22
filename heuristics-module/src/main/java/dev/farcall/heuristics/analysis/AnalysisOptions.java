package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.jar.JarLimits;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.heuristics.knowledge.KnowledgeBase;

/**
 * How to analyse a program.
 *
 * @param jarLimits caps for reading the jar
 * @param knowledge what library methods do ({@link KnowledgeBase#jdk()} plus any user file)
 * @param declarations the user's declarations (merged with a declarations file inside the jar)
 * @param allowNondeterministic whether {@link dev.farcall.heuristics.Effect#NONDETERMINISTIC}
 *     methods may move (off by default: a remote clock or random source changes results)
 * @param transferability decides whether signatures can cross the wire
 */
public record AnalysisOptions(
    JarLimits jarLimits,
    KnowledgeBase knowledge,
    Declarations declarations,
    boolean allowNondeterministic,
    TransferabilityCheck transferability) {

  /** Defaults: JDK knowledge, no declarations, nondeterminism unmovable, the codec's check. */
  public static AnalysisOptions defaults() {
    return new AnalysisOptions(
        JarLimits.defaults(),
        KnowledgeBase.jdk(),
        Declarations.none(),
        false,
        new CodecTransferabilityCheck());
  }

  /** With other declarations. */
  public AnalysisOptions withDeclarations(Declarations value) {
    return new AnalysisOptions(jarLimits, knowledge, value, allowNondeterministic, transferability);
  }

  /** With another knowledge base. */
  public AnalysisOptions withKnowledge(KnowledgeBase value) {
    return new AnalysisOptions(
        jarLimits, value, declarations, allowNondeterministic, transferability);
  }

  /** With nondeterminism allowed or not. */
  public AnalysisOptions withAllowNondeterministic(boolean value) {
    return new AnalysisOptions(jarLimits, knowledge, declarations, value, transferability);
  }

  /** With another transferability check. */
  public AnalysisOptions withTransferability(TransferabilityCheck value) {
    return new AnalysisOptions(jarLimits, knowledge, declarations, allowNondeterministic, value);
  }

  /** With other jar limits. */
  public AnalysisOptions withJarLimits(JarLimits value) {
    return new AnalysisOptions(
        value, knowledge, declarations, allowNondeterministic, transferability);
  }
}
