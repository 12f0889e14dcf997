package prism.core.model;

import java.time.LocalDate;
import java.util.Map;

/**
 * A customer as imported: the standard columns of customers.csv, every other column kept in
 * {@link #attributes()}. Missing values are {@code null}.
 */
public record Customer(String id, String name, String kind, String role, String country, String region,
        String city, String industry, String plan, LocalDate created, Boolean refused,
        Map<String, String> attributes) {

    public Customer {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A customer with an id and nothing else, handy for tests and examples. */
    public static Customer of(String id) {
        return new Customer(id, null, null, null, null, null, null, null, null, null, null, Map.of());
    }
}
