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
     * The table holding the run's rows: each run has its own (RUN_ROWS_n, columns as ASSIGNMENT), filled
     * while empty, which Derby loads in bulk; null for runs stored in ASSIGNMENT by earlier versions.
     */
    @Column(name = "ROWS_TABLE", length = 128) public String rowsTable;
}
