/**
 * The placement dashboard at {@code /dashboard/}: static assets in this jar ({@code
 * static/dashboard/}, one ES module per view, the graph library behind {@code js/graph.js}) and the
 * libraries from WebJars ({@code /webjars/}). The assets are public; they read only the public REST
 * API and {@code GET /api/v1/events}, with the bearer token the user signs in with, kept in the
 * browser's {@code sessionStorage}.
 */
package dev.farcall.coordinator.dashboard;
