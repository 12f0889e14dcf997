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
}
