package prism.store.internal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Table CUSTOMER_ATTR: the columns of customers.csv that Prism does not know, kept as they are. */
@Entity
@Table(name = "CUSTOMER_ATTR")
@IdClass(CustomerAttributeEntity.Key.class)
public class CustomerAttributeEntity {
    @Id @Column(name = "CUSTOMER_ID", length = 64) public String customerId;
    @Id @Column(name = "NAME", length = 128) public String name;
    @Column(name = "VAL", length = 4000) public String value;

    /** The composite key (JPA needs a mutable class with a no-argument constructor). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String customerId;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(customerId, k.customerId) && java.util.Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(customerId, name);
        }
    }
}
