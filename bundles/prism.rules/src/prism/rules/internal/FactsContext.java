package prism.rules.internal;

import java.util.Map;
import java.util.function.Function;

import org.apache.commons.jexl3.JexlContext;

import prism.core.facts.Facts;

/**
 * One customer as a condition sees it: the names the run's conditions read, each with its reader. Dotted
 * names (count90.complaint, attr.tier) reach it whole, as JEXL's "antish" variables: their first part is
 * not a variable of its own.
 */
public final class FactsContext implements JexlContext {

    private final Map<String, Function<Facts, Object>> readers;
    private Facts facts;

    public FactsContext(Map<String, Function<Facts, Object>> readers) {
        this.readers = readers;
    }

    public FactsContext of(Facts f) {
        this.facts = f;
        return this;
    }

    @Override
    public Object get(String name) {
        Function<Facts, Object> r = readers.get(name);
        return r == null ? null : r.apply(facts);
    }

    @Override
    public boolean has(String name) {
        return readers.containsKey(name);
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("a condition cannot assign");
    }
}
