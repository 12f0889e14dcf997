package prism.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Table PRISM_META: counters of the store, e.g. the number of the last import. */
@Entity
@Table(name = "PRISM_META")
public class MetaEntity {
    @Id @Column(name = "K", length = 64) public String key;
    @Column(name = "V", nullable = false) public long value;
}
