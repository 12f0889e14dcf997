/**
 * Builds com.example.prism.needsnewer, a plugin for a Prism 9 that does not exist: this stand-in exports
 * the package at 9.0.0 for the build alone. It is in no repository, so installing that plugin into
 * Prism 1 fails and says which requirement is missing.
 */
package prism.core.scheme;
