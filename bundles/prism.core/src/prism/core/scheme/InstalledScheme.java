package prism.core.scheme;

import prism.core.scheme.ClassificationScheme;

/** A scheme service as registered, with the bundle that contributed it. */
public record InstalledScheme(ClassificationScheme scheme, String bundle, String bundleVersion) {

    public String id() {
        return scheme.id();
    }
}
