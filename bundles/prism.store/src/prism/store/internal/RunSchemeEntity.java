package prism.store.internal;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Table RUN_SCHEME: a scheme of a run, with the version, bundle and settings it ran with. */
@Entity
@Table(name = "RUN_SCHEME")
@IdClass(RunSchemeEntity.Key.class)
public class RunSchemeEntity {
    @Id @Column(name = "RUN_NUM") public int run;
    @Id @Column(name = "SCHEME_ID", length = 128) public String schemeId;
    @Column(name = "SCHEME_VERSION", length = 64) public String schemeVersion;
    @Column(name = "BUNDLE", length = 255) public String bundle;
    /** key=value lines. */
    @Column(name = "SETTINGS", length = 4000) public String settings;
    /** class=count lines, in the scheme's class order. */
    @Column(name = "COUNTS", length = 4000) public String counts;
    /** Null when every customer's row is stored; else the full run the unchanged rows are read from. */
    @Column(name = "BASE_RUN") public Integer baseRun;
    /** Rows written for this scheme in this run. */
    @Column(name = "STORED") public Integer stored;
    /**
     * The run's table (RUN_RESULTS_n, a row per customer) and this scheme's columns in it (C, S and E with this
     * number); both null for runs stored before 1.1, whose rows are in RUN.ROWS_TABLE or ASSIGNMENT.
     */
    @Column(name = "ROWS_TABLE", length = 128) public String rowsTable;
    @Column(name = "ROWS_COLUMN") public Integer rowsColumn;
    /** The model the scheme fitted for the run ({@link ModelText}); null when it fits none (and before 1.5). */
    @Column(name = "MODEL", length = 4000) public String model;

    /** The composite key (JPA needs a mutable class with a no-argument constructor). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public int run;
        public String schemeId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && run == k.run && java.util.Objects.equals(schemeId, k.schemeId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(run, schemeId);
        }
    }
}
