package prism.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prism.store.PrismStore;
import prism.store.SavedView;
import prism.store.StoreConfig;
import prism.store.StoreException;

/** Explorer views saved under a name in the database: listed, replaced, removed, kept across a reopen. */
class SavedViewTest {

    @Test
    void aSavedViewIsListedReplacedAndRemovedAndOutlivesTheProcess(@TempDir Path tmp) {
        SavedView lapsing = new SavedView("Lapsing big spenders", "GmbH", Map.of("lifecycle.stage", Set.of("lapsing", "lost"),
                "value.tier", Set.of("high")), "scheme:value.tier", false, null);
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            assertEquals(List.of(), store.savedViews());
            store.saveView(lapsing);
            store.saveView(new SavedView("A first", "", Map.of(), "id", true, null));
            assertEquals(List.of("A first", "Lapsing big spenders"), store.savedViews().stream().map(SavedView::name).toList(), "by name");
            store.saveView(new SavedView("A first", "x", Map.of(), "name", true, null));
            assertEquals(2, store.savedViews().size(), "saved again under its name: replaced");
            assertEquals("name", store.savedViews().get(0).sortKey());
        }
        try (PrismStore store = PrismStore.open(StoreConfig.derby(tmp.resolve("db")))) {
            SavedView back = store.savedViews().get(1);
            assertEquals(lapsing.classFilter(), back.classFilter());
            assertEquals("GmbH", back.text());
            assertEquals("scheme:value.tier", back.sortKey());
            assertFalse(back.ascending());
            assertTrue(back.savedAt() != null);
            var q = back.query(3, List.of("value.tier"), Map.of());
            assertEquals(3, q.run());
            assertEquals(lapsing.classFilter(), q.classFilter());
            assertTrue(store.deleteView("A first"));
            assertFalse(store.deleteView("A first"));
            assertEquals(List.of("Lapsing big spenders"), store.savedViews().stream().map(SavedView::name).toList());
            // Bad input: a clear error, nothing stored.
            assertThrows(StoreException.class, () -> store.saveView(new SavedView(" ", "", Map.of(), "id", true, null)));
            StoreException tab = assertThrows(StoreException.class,
                    () -> store.saveView(new SavedView("tabs", "", Map.of("s", Set.of("a\tb")), "id", true, null)));
            assertTrue(tab.getMessage().contains("tab"), tab.getMessage());
            assertThrows(StoreException.class, () -> store.saveView(new SavedView("x".repeat(129), "", Map.of(), "id", true, null)));
            assertEquals(1, store.savedViews().size());
        }
    }
}
