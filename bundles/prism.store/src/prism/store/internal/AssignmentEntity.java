package prism.store.internal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Table ASSIGNMENT: a customer's class in one scheme of one run, as the first versions stored every run
 * (later ones: RUN_ROWS_n with these columns, then RUN_RESULTS_n with a row per customer). Read, never
 * written any more. A run whose RUN_SCHEME row names a BASE_RUN holds only the customers whose class,
 * score or explanation differ from that base run's; the others are read from the base (see
 * {@code StoreQueries.rowsOf}).
 */
@Entity
@Table(name = "ASSIGNMENT")
@IdClass(AssignmentEntity.Key.class)
public class AssignmentEntity {
    @Id @Column(name = "RUN_NUM") public int run;
    @Id @Column(name = "SCHEME_ID", length = 128) public String schemeId;
    @Id @Column(name = "CUSTOMER_ID", length = 64) public String customerId;
    @Column(name = "CLASS_ID", length = 64, nullable = false) public String classId;
    @Column(name = "SCORE") public Double score;
    @Column(name = "EXPLANATION", length = 2000) public String explanation;
    /** A 64-bit hash of class, score and explanation: the next run compares against it to write only what changed. */
    @Column(name = "HASH") public Long hash;

    /** The composite key (JPA needs a mutable class with a no-argument constructor). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public int run;
        public String schemeId;
        public String customerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && run == k.run && java.util.Objects.equals(schemeId, k.schemeId) && java.util.Objects.equals(customerId, k.customerId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(run, schemeId, customerId);
        }
    }
}
