package prism.store.internal;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Table SAVED_VIEW: the explorer views saved under a name; the filter one line per scheme, its classes after tabs. */
@Entity
@Table(name = "SAVED_VIEW")
public class SavedViewEntity {
    @Id @Column(name = "NAME", length = 128) public String name;
    @Column(name = "SEARCH_TEXT", length = 256) public String text;
    @Column(name = "CLASS_FILTER", length = 4000) public String filter;
    @Column(name = "SORT_KEY", length = 160, nullable = false) public String sortKey;
    @Column(name = "SORT_UP", nullable = false) public boolean ascending;
    @Column(name = "SAVED_AT", nullable = false) public LocalDateTime savedAt;
}
