package prism.engine;

import java.time.LocalDate;
import java.util.function.Consumer;

import prism.core.model.Customer;
import prism.core.model.Interaction;
import prism.core.model.Order;

/** Where a run reads its customers and their records from (the store, or memory in tests). */
public interface CustomerSource {

    /** Every customer, each once. */
    void customers(Consumer<Customer> sink);

    /** Order rows dated on or before {@code asOf} (later ones may be passed too: they are ignored). */
    void orders(LocalDate asOf, Consumer<Order> sink);

    /** Interaction rows dated on or before {@code asOf}. */
    void interactions(LocalDate asOf, Consumer<Interaction> sink);
}
