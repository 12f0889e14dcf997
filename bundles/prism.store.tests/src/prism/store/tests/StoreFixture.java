package prism.store.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import prism.store.PrismStore;

/** Helpers: write CSV files, and read back everything stored as sorted text to compare snapshots. */
final class StoreFixture {

    private StoreFixture() {
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static Path writeBytes(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** Every stored customer, order and interaction, one line each, sorted. */
    static List<String> snapshot(PrismStore store) {
        List<String> rows = new ArrayList<>();
        LocalDate far = LocalDate.of(9999, 12, 31);
        store.source().customers(c -> rows.add("C " + c));
        store.source().orders(far, o -> rows.add("O " + o));
        store.source().interactions(far, i -> rows.add("I " + i));
        Collections.sort(rows);
        return rows;
    }
}
