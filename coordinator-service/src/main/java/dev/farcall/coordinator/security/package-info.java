/**
 * Bearer-token security of the coordinator: roles admin, viewer and worker, tokens compared in
 * constant time and never logged, generated admin/worker tokens kept in owner-only files.
 */
package dev.farcall.coordinator.security;
