package com.example.prism.customertype;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;

/**
 * A complete third-party scheme: the customer type from the customer's kind and role. The
 * {@code @Component} annotation is all the registration there is; Tycho writes the Declarative
 * Services XML, and Prism picks the scheme up when the bundle starts.
 */
@Component(service = ClassificationScheme.class)
public class CustomerTypeScheme implements ClassificationScheme {

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("intermediary", "Intermediary", "#8c6bb1", "Resells or recommends: role = intermediary.",
                    "Partner programme, margins, sales material, joint campaigns."),
            new SchemeClass("government", "Government", "#2171b5", "A public body.",
                    "Tenders, framework contracts, compliance documents, long cycles."),
            new SchemeClass("enterprise", "Enterprise", "#238b45", "A company buying for its own use.",
                    "Account management, volume pricing, service levels."),
            new SchemeClass("individual", "Individual", "#fd8d3c", "A private person.",
                    "Self-service, clear prices, fast delivery."),
            new SchemeClass("unknown", "Unknown", "#bdbdbd", "Kind not recorded.", "Complete the customer record."));

    @Override public String id() { return "example.customertype"; }
    @Override public String name() { return "Customer type (example)"; }
    @Override public String description() { return "Intermediary, government, enterprise or individual, from kind and role."; }
    @Override public List<SchemeClass> classes() { return CLASSES; }

    /** A customer's own record decides: no ranking among the others, so runs may reuse unchanged customers. */
    @Override
    public boolean usesPopulation() {
        return false;
    }

    /** Called once per run; the classifier it returns is applied to every customer, from several threads. */
    @Override
    public Classifier prepare(RunContext run) {
        return CustomerTypeScheme::assign;
    }

    private static Assignment assign(Facts facts) {
        String kind = lower(facts.customer().kind());
        String role = lower(facts.customer().role());
        if ("intermediary".equals(role)) {
            return Assignment.of("intermediary", Explanation.of("role = intermediary", "role", role));
        }
        if (kind.equals("government") || kind.equals("enterprise") || kind.equals("individual")) {
            return Assignment.of(kind, Explanation.of("kind = " + kind, "kind", kind));
        }
        return Assignment.of("unknown", Explanation.of("kind missing", "kind", facts.customer().kind()));
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
