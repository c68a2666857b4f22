/**
 * Bytecode analysis of uploaded programs ({@code /api/v1/programs/{id}/analysis} and {@code
 * .../declarations}).
 *
 * <p>When a program is stored ({@link dev.farcall.coordinator.program.ProgramStoredEvent}) its
 * analysis is queued on a bounded executor ({@code farcall.analysis.*}): PENDING, RUNNING, then
 * DONE or FAILED with the error. The result (the whole {@link
 * dev.farcall.heuristics.analysis.ProgramModel}) is persisted as JSON in {@code program_analyses}
 * and deleted with the program; analyses left PENDING or RUNNING by a stop are queued again at the
 * next start. The analysis loads the program's classes only in an isolated loader, never
 * initialising them, for the codec's transferability check. Setting a declarations file re-runs the
 * analysis. Each (re)submission has a generation number so a late result of an older one is
 * discarded.
 *
 * <p>Seam for other features (the run driver): {@link
 * dev.farcall.coordinator.analysis.AnalysisService#model(String)} gives the model of a program
 * whose analysis is DONE; {@link dev.farcall.coordinator.analysis.AnalysisCompletedEvent} is
 * published when one finishes.
 */
package dev.farcall.coordinator.analysis;
