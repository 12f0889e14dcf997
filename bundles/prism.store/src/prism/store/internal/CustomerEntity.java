package prism.store.internal;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Table CUSTOMER. Bulk import writes it with JDBC; the workbench reads it through JPA. */
@Entity
@Table(name = "CUSTOMER")
public class CustomerEntity {
    @Id @Column(name = "ID", length = 64) public String id;
    @Column(name = "NAME", length = 255) public String name;
    @Column(name = "KIND", length = 16) public String kind;
    @Column(name = "ROLE", length = 16) public String role;
    @Column(name = "COUNTRY", length = 64) public String country;
    @Column(name = "REGION", length = 128) public String region;
    @Column(name = "CITY", length = 128) public String city;
    @Column(name = "INDUSTRY", length = 128) public String industry;
    @Column(name = "PLAN", length = 16) public String plan;
    @Column(name = "CREATED") public LocalDate created;
    @Column(name = "REFUSED") public Boolean refused;
    /** The import that last wrote the row: incremental runs recompute the customers touched since theirs. */
    @Column(name = "IMPORT_SEQ") public Integer importSeq;
}
