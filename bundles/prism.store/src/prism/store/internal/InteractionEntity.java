package prism.store.internal;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Table INTERACTION. */
@Entity
@Table(name = "INTERACTION", indexes = @Index(name = "INTERACTION_CUSTOMER", columnList = "CUSTOMER_ID"))
public class InteractionEntity {
    @Id @Column(name = "ID", length = 64) public String id;
    @Column(name = "CUSTOMER_ID", length = 64, nullable = false) public String customerId;
    @Column(name = "IX_DATE", nullable = false) public LocalDate date;
    @Column(name = "TYPE", length = 16, nullable = false) public String type;
    @Column(name = "SCORE") public Integer score;
    @Column(name = "STAGE", length = 16) public String stage;
    @Column(name = "NOTE", length = 4000) public String note;
    /** The import that last wrote the row: incremental runs recompute the customers touched since theirs. */
    @Column(name = "IMPORT_SEQ") public Integer importSeq;
}
