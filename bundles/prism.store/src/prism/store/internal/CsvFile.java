package prism.store.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import prism.store.ImportException;

/**
 * A CSV input file read with Commons CSV, strictly: UTF-8 (a byte-order mark is skipped, any other
 * bad byte is an error at its line and column), a header row, and every record's first line known so
 * errors can name it. Columns are 1-based field positions.
 */
final class CsvFile implements Closeable {

    /** One data row: its first line in the file and its values (missing trailing cells are null). */
    record Row(long line, String[] values, long charPosition) {
    }

    private static final Pattern STARTLINE = Pattern.compile("startline (\\d+)");
    private static final Pattern AT_LINE = Pattern.compile("line:? (\\d+)");

    private final Path path;
    private final String name;
    private final long size;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private long linesRead;

    CsvFile(Path path) throws ImportException, IOException {
        this.path = path;
        this.name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ImportException(name, 1, 1, "expected a readable file, found none");
        }
        this.size = Files.size(path);
        if (size == 0) {
            throw new ImportException(name, 1, 1, "expected a header row, found an empty file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        skipBom(in);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Reader reader = new InputStreamReader(in, decoder);
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).get();
        try {
            this.parser = format.parse(reader);
            this.records = parser.iterator();
            CSVRecord h = nextRecord();
            if (h == null || (h.size() == 1 && h.get(0).isBlank())) {
                throw new ImportException(name, 1, 1, "expected a header row, found " + (h == null ? "an empty file" : "an empty line"));
            }
            header = new ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                String col = h.get(i).trim();
                String key = col.toLowerCase(Locale.ROOT);
                if (col.isEmpty()) {
                    throw new ImportException(name, 1, i + 1, "expected a column name, found an empty header cell");
                }
                if (index.putIfAbsent(key, i) != null) {
                    throw new ImportException(name, 1, i + 1, "expected each column once, found " + Values.quoted(col) + " twice");
                }
                header.add(col);
            }
        } catch (ImportException e) {
            close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    List<String> header() {
        return header;
    }

    /** 0-based position of a column (names compared trimmed and case-blind), or -1. */
    int column(String column) {
        return index.getOrDefault(column.toLowerCase(Locale.ROOT), -1);
    }

    void require(String... columns) throws ImportException {
        for (String c : columns) {
            if (column(c) < 0) {
                throw new ImportException(name, 1, header.size() + 1, "expected a column \"" + c
                        + "\" in the header row, found only " + Values.shortened(String.join(",", header)));
            }
        }
    }

    /** The next non-blank data row, or null at the end of the file. */
    Row next() throws ImportException {
        while (true) {
            long start = linesRead + 1;
            CSVRecord r = nextRecord();
            if (r == null) {
                return null;
            }
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue; // a blank line
            }
            if (r.size() > header.size()) {
                throw new ImportException(name, start, header.size() + 1, "expected " + header.size()
                        + " columns as in the header row, found " + r.size());
            }
            String[] values = new String[header.size()];
            for (int i = 0; i < r.size(); i++) {
                values[i] = r.get(i);
            }
            return new Row(start, values, r.getCharacterPosition());
        }
    }

    private CSVRecord nextRecord() throws ImportException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            linesRead = parser.getCurrentLineNumber();
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw translate(e);
        }
    }

    private ImportException translate(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return badBytes();
            }
        }
        String msg = String.valueOf(cause.getMessage());
        Matcher m = STARTLINE.matcher(msg);
        if (msg.contains("EOF reached before encapsulated token finished") && m.find()) {
            long line = Long.parseLong(m.group(1));
            return new ImportException(name, line, quoteColumn(line),
                    "expected a closing quote (\") for the value opened here, found the end of the file");
        }
        Matcher l = AT_LINE.matcher(msg);
        long line = l.find() ? Long.parseLong(l.group(1)) : linesRead + 1;
        if (msg.contains("Invalid character between encapsulated token and delimiter")) {
            return new ImportException(name, line, 1, "expected a delimiter (,) or the end of the line after a closing quote, found another character");
        }
        return new ImportException(name, line, 1, "expected CSV (RFC 4180), found: " + msg);
    }

    /**
     * Scans the raw bytes for the first one that is not UTF-8 and names its line and column, reading the
     * file in blocks: the file may be larger than the heap.
     */
    private ImportException badBytes() {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream raw = Files.newInputStream(path)) {
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            CharBuffer out = CharBuffer.allocate(1 << 16);
            long line = 1;
            int column = 1;
            boolean quoted = false;
            boolean eof = false;
            while (true) {
                int n = eof ? -1 : raw.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
                int from = in.position();
                CoderResult res = d.decode(in, out, eof);
                out.clear();
                for (int i = from; i < in.position(); i++) { // the bytes that decoded
                    byte b = in.get(i);
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n') {
                        line++;
                        if (!quoted) {
                            column = 1;
                        }
                    } else if (b == ',' && !quoted) {
                        column++;
                    }
                }
                if (res.isError()) {
                    String found = in.hasRemaining() ? String.format("byte 0x%02X", in.get(in.position()) & 0xff)
                            : "a broken sequence";
                    return new ImportException(name, line, column, "expected UTF-8 text, found " + found);
                }
                if (eof && !in.hasRemaining()) {
                    return new ImportException(name, line, column, "expected UTF-8 text, found a broken sequence");
                }
                in.compact();
            }
        } catch (IOException io) {
            return new ImportException(name, 1, 1, "expected UTF-8 text, found bytes that are not");
        }
    }

    /** The field position of the quote that is never closed on the given line. */
    private int quoteColumn(long lineNo) {
        try (var lines = Files.lines(path, StandardCharsets.ISO_8859_1)) {
            String line = lines.skip(lineNo - 1).findFirst().orElse("");
            int column = 1;
            boolean quoted = false;
            int openedAt = 1;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (!quoted) {
                        openedAt = column;
                    }
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    column++;
                }
            }
            return openedAt;
        } catch (IOException | UncheckedIOException e) {
            return 1;
        }
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset();
        }
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (IOException e) {
            // closing a reader we only read
        }
    }
}
