package prism.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import prism.store.StoreConfig;

/**
 * A database another process has open is refused with Prism's own words (issue 23, item 8): Derby
 * chains the reason as the next exception of "see the next exception for details", not as a cause.
 */
class InUseMessageTest {

    @Test
    void theReasonChainedAsTheNextExceptionGivesTheInUseMessageWithTheHoldersPid() {
        SQLException top = new SQLException("Failed to start database '/data/db' with class loader x, "
                + "see the next exception for details.", "XJ040");
        top.setNextException(new SQLException("Another instance of Derby may have already booted the database /data/db.",
                "XSDB6"));
        assertEquals("the database /data/db is in use by another Prism process (pid 4242) (the workbench or a headless run): "
                + "close it, or pass another --db", Database.explain(top, StoreConfig.derby(Path.of("/data/db")), 4242));
    }

    @Test
    void anotherReasonIsNamedRatherThanSeeTheNextException() {
        SQLException top = new SQLException("Failed to start database '/data/db', see the next exception for details.", "XJ040");
        top.setNextException(new SQLException("The database directory is not writable.", "XBM0H"));
        assertEquals("cannot open /data/db: The database directory is not writable.",
                Database.explain(top, StoreConfig.derby(Path.of("/data/db")), -1).replace("Derby database ", ""));
    }
}
