package prism.store.internal;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Table ORDERS (ORDER is a keyword). */
@Entity
@Table(name = "ORDERS", indexes = @Index(name = "ORDERS_CUSTOMER", columnList = "CUSTOMER_ID"))
public class OrderEntity {
    @Id @Column(name = "ID", length = 64) public String id;
    @Column(name = "CUSTOMER_ID", length = 64, nullable = false) public String customerId;
    @Column(name = "ORDER_DATE", nullable = false) public LocalDate date;
    @Column(name = "AMOUNT", nullable = false) public double amount;
    @Column(name = "DISCOUNT", nullable = false) public double discount;
    @Column(name = "PROMO", nullable = false) public boolean promo;
    @Column(name = "CUSTOM", nullable = false) public boolean custom;
    @Column(name = "COST") public Double cost;
    /** The import that last wrote the row: incremental runs recompute the customers touched since theirs. */
    @Column(name = "IMPORT_SEQ") public Integer importSeq;
}
