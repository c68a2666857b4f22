/** The worker's configuration properties and the beans built from them. */
package dev.farcall.worker.config;
