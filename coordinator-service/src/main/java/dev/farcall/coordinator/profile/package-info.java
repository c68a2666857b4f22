/**
 * What runs learned of each program: measured per-method figures and the adaptive policy's final
 * decisions, persisted per program content, read by the placement and the next runs.
 */
package dev.farcall.coordinator.profile;
