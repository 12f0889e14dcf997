package prism.core.scheme;

import prism.core.facts.Facts;

/**
 * A scheme ready for one run: what {@link ClassificationScheme#prepare} returns, holding whatever the
 * scheme worked out once for the run (parsed thresholds, rule texts, a fitted model). Called
 * concurrently from several threads for different customers, so it must only read what it holds.
 *
 * @since 1.4
 */
@FunctionalInterface
public interface Classifier {

    /** One customer's class, score and explanation; never null. */
    Assignment classify(Facts facts);

    /**
     * What the scheme fitted over the population for this run, stored with the run and shown with it
     * ({@code prism runs}, the scheme's view); null for a scheme that fits nothing.
     *
     * @since 1.6
     */
    default FittedModel model() {
        return null;
    }

    /**
     * A classifier that also reports the model it applies.
     *
     * @since 1.6
     */
    static Classifier withModel(FittedModel model, Classifier classifier) {
        java.util.Objects.requireNonNull(classifier, "classifier");
        return new Classifier() {
            @Override
            public Assignment classify(Facts facts) {
                return classifier.classify(facts);
            }

            @Override
            public FittedModel model() {
                return model;
            }
        };
    }
}
