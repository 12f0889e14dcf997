package prism.core.model;

import java.time.LocalDate;

/**
 * One row of orders.csv. A row with a negative amount is a refund: it lowers revenue but is
 * not an order. {@code cost} is {@code null} when the row has none.
 */
public record Order(String id, String customerId, LocalDate date, double amount, double discount,
        boolean promo, boolean custom, Double cost) {

    /** True for an order proper (amount &gt; 0), false for a refund or a zero row. */
    public boolean isOrder() {
        return amount > 0;
    }
}
