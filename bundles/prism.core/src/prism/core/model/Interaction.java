package prism.core.model;

import java.time.LocalDate;

/** One row of interactions.csv; {@code score} and {@code stage} are {@code null} when absent. */
public record Interaction(String id, String customerId, LocalDate date, InteractionType type, Integer score,
        Stage stage, String note) {
}
