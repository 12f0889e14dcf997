package prism.store.internal;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** Table RULE_SCHEME: every saved version of every analyst's rule scheme, its JSON document as written. */
@Entity
@Table(name = "RULE_SCHEME")
public class RuleSchemeEntity {
    /** SCHEME_ID '#' VERSION: one row per version. */
    @Id @Column(name = "ROW_KEY", length = 96) public String key;
    @Column(name = "SCHEME_ID", length = 80, nullable = false) public String schemeId;
    @Column(name = "VERSION", nullable = false) public int version;
    @Lob @Column(name = "DOCUMENT", nullable = false) public String document;
    @Column(name = "SAVED_AT", nullable = false) public LocalDateTime savedAt;
    /** Set on every version when the scheme is removed: past runs keep their results, new runs leave it out. */
    @Column(name = "REMOVED", nullable = false) public boolean removed;
}
