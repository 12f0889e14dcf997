package prism.store.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Table RUN: one classification run. */
@Entity
@Table(name = "RUN")
public class RunEntity {
    @Id @Column(name = "NUM") public int number;
    @Column(name = "AS_OF", nullable = false) public LocalDate asOf;
    @Column(name = "CREATED_AT", nullable = false) public LocalDateTime createdAt;
    @Column(name = "CUSTOMERS", nullable = false) public int customers;
    /**
     * For runs stored by 1.0 after its first builds: their table, one row per customer and scheme (RUN_ROWS_n,
     * columns as ASSIGNMENT). Null for the first runs (rows in ASSIGNMENT) and for runs since, whose schemes
     * name their table and columns ({@link RunSchemeEntity#rowsTable}).
     */
    @Column(name = "ROWS_TABLE", length = 128) public String rowsTable;
}
