/**
 * Cross-cutting pieces of the coordinator: the exception hierarchy root ({@link
 * dev.farcall.coordinator.system.FarcallException}), the single advice turning every failure into
 * an RFC 9457 problem, the data directory and the OpenAPI description.
 */
package dev.farcall.coordinator.system;
