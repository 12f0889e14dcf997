package prism.store.internal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Table PRISM_CHANGE: the customers each import wrote (their row, an order or an interaction), so that
 * an incremental run finds them without scanning every table. An empty CUSTOMER_ID means "all of
 * them" (a load into empty tables, or too many to list).
 */
@Entity
@Table(name = "PRISM_CHANGE")
@IdClass(ChangeEntity.Key.class)
public class ChangeEntity {
    @Id @Column(name = "IMPORT_SEQ") public int importSeq;
    @Id @Column(name = "CUSTOMER_ID", length = 64) public String customerId;

    /** The composite key (JPA needs a mutable class with a no-argument constructor). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public int importSeq;
        public String customerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && importSeq == k.importSeq && java.util.Objects.equals(customerId, k.customerId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(importSeq, customerId);
        }
    }
}
