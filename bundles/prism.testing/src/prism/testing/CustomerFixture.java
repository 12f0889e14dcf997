package prism.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.model.Interaction;
import prism.core.model.InteractionType;
import prism.core.model.Order;
import prism.core.model.Stage;
import prism.core.scheme.Population;

/**
 * Builds one customer's facts in a line or two, for testing a scheme without a database:
 * {@code CustomerFixture.customer("c1", asOf).order(10, 250).interaction(3, InteractionType.COMPLAINT).facts()}.
 * Days are counted back from the as-of date (0 = on it, negative = after it).
 */
public final class CustomerFixture {

    private final LocalDate asOf;
    private String id;
    private String country;
    private String region;
    private String plan;
    private Boolean refused;
    private final Map<String, String> attributes = new HashMap<>();
    private final List<Order> orders = new ArrayList<>();
    private final List<Interaction> interactions = new ArrayList<>();

    private CustomerFixture(String id, LocalDate asOf) {
        this.id = id;
        this.asOf = asOf;
    }

    public static CustomerFixture customer(String id, LocalDate asOf) {
        return new CustomerFixture(id, asOf);
    }

    public CustomerFixture country(String country) {
        this.country = country;
        return this;
    }

    public CustomerFixture region(String region) {
        this.region = region;
        return this;
    }

    public CustomerFixture plan(String plan) {
        this.plan = plan;
        return this;
    }

    public CustomerFixture refused(Boolean refused) {
        this.refused = refused;
        return this;
    }

    public CustomerFixture attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    public CustomerFixture order(int daysAgo, double amount) {
        return order(daysAgo, amount, 0, false, false, null);
    }

    public CustomerFixture order(int daysAgo, double amount, double discount, boolean promo, boolean custom, Double cost) {
        orders.add(new Order(id + "-o" + orders.size(), id, asOf.minusDays(daysAgo), amount, discount, promo, custom, cost));
        return this;
    }

    /** A refund row: {@code amount} is given positive and stored negative. */
    public CustomerFixture refund(int daysAgo, double amount) {
        return order(daysAgo, -Math.abs(amount));
    }

    public CustomerFixture interaction(int daysAgo, InteractionType type) {
        return interaction(daysAgo, type, null, null);
    }

    public CustomerFixture interaction(int daysAgo, InteractionType type, Integer score, Stage stage) {
        interactions.add(new Interaction(String.format("%s-i%04d", id, interactions.size()), id, asOf.minusDays(daysAgo),
                type, score, stage, null));
        return this;
    }

    /** The same interaction {@code n} times. */
    public CustomerFixture interactions(int n, int daysAgo, InteractionType type) {
        for (int i = 0; i < n; i++) {
            interaction(daysAgo, type);
        }
        return this;
    }

    public Customer toCustomer() {
        return new Customer(id, null, null, null, country, region, null, null, plan, null, refused, attributes);
    }

    public Facts facts() {
        FactsBuilder b = new FactsBuilder(toCustomer(), asOf);
        orders.forEach(b::order);
        interactions.forEach(b::interaction);
        return b.build();
    }

    /** A population of these facts, for rank-based schemes. */
    public static Population population(Facts... all) {
        return new Population(Arrays.asList(all));
    }

    /** One customer's assignment by {@code scheme}'s per-run step, as a run of the given population gives it. */
    public static prism.core.scheme.Assignment classify(prism.core.scheme.ClassificationScheme scheme, Facts facts,
            Population population, prism.core.scheme.Settings settings) {
        return scheme.prepare(prism.core.scheme.RunContext.of(facts.asOf(), settings, population)).classify(facts);
    }
}
