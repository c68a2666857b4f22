/**
 * Kafka plumbing of the coordinator: connection and topic settings ({@code farcall.kafka.*}) and
 * the creation of the installation's topics before the coordinator serves anything.
 */
package dev.farcall.coordinator.kafka;
