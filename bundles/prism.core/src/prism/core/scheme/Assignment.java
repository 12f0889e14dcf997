package prism.core.scheme;

/** A customer's class in one scheme, with an optional score and the explanation of why. */
public record Assignment(String classId, Double score, Explanation explanation) {

    public static Assignment of(String classId, Explanation explanation) {
        return new Assignment(classId, null, explanation);
    }
}
