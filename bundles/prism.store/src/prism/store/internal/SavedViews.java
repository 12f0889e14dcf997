package prism.store.internal;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import prism.store.SavedView;
import prism.store.StoreException;

/** The explorer views saved in the database, read and written through EclipseLink. */
public final class SavedViews {

    private final EntityManagerFactory emf;

    public SavedViews(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Every saved view, by name. */
    public List<SavedView> list() {
        EntityManager em = emf.createEntityManager();
        try {
            List<SavedView> out = new ArrayList<>();
            for (SavedViewEntity e : em.createQuery("SELECT v FROM SavedViewEntity v ORDER BY v.name", SavedViewEntity.class).getResultList()) {
                out.add(new SavedView(e.name, e.text, decode(e.filter), e.sortKey, e.ascending, e.savedAt));
            }
            return out;
        } finally {
            em.close();
        }
    }

    /** Saves the view, replacing one of the same name. */
    public void save(SavedView v) {
        check(v);
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            SavedViewEntity e = em.find(SavedViewEntity.class, v.name().trim());
            boolean fresh = e == null;
            if (fresh) {
                e = new SavedViewEntity();
                e.name = v.name().trim();
            }
            e.text = v.text();
            e.filter = encode(v.classFilter());
            e.sortKey = v.sortKey();
            e.ascending = v.ascending();
            e.savedAt = v.savedAt() == null ? LocalDateTime.now().withNano(0) : v.savedAt();
            if (fresh) {
                em.persist(e);
            }
            em.getTransaction().commit();
        } catch (RuntimeException x) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw new StoreException("cannot save the view '" + v.name() + "': " + x.getMessage(), x);
        } finally {
            em.close();
        }
    }

    /** Removes the view of that name; whether there was one. */
    public boolean delete(String name) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            SavedViewEntity e = em.find(SavedViewEntity.class, name);
            if (e != null) {
                em.remove(e);
            }
            em.getTransaction().commit();
            return e != null;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static void check(SavedView v) {
        if (v.name() == null || v.name().isBlank()) {
            throw new StoreException("a saved view needs a name");
        }
        if (v.name().trim().length() > 128) {
            throw new StoreException("a saved view's name has at most 128 characters: '" + v.name() + "'");
        }
        if (v.text().length() > 256) {
            throw new StoreException("a saved view's search text has at most 256 characters");
        }
        if (v.sortKey() == null || v.sortKey().length() > 160) {
            throw new StoreException("a saved view needs a sort key of at most 160 characters");
        }
        for (Map.Entry<String, Set<String>> f : v.classFilter().entrySet()) {
            for (String s : concat(f.getKey(), f.getValue())) {
                if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0) {
                    throw new StoreException("a scheme or class id in a saved view holds a tab or a line break: '" + s + "'");
                }
            }
        }
        if (encode(v.classFilter()).length() > 4000) {
            throw new StoreException("a saved view's class filters take at most 4,000 characters");
        }
    }

    private static List<String> concat(String head, Set<String> rest) {
        List<String> l = new ArrayList<>(rest);
        l.add(head);
        return l;
    }

    static String encode(Map<String, Set<String>> filter) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(filter).forEach((scheme, classes) -> {
            sb.append(scheme);
            classes.stream().sorted().forEach(c -> sb.append('\t').append(c));
            sb.append('\n');
        });
        return sb.toString();
    }

    static Map<String, Set<String>> decode(String s) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        if (s != null) {
            for (String line : s.split("\n")) {
                if (!line.isEmpty()) {
                    String[] parts = line.split("\t", -1);
                    Set<String> classes = new LinkedHashSet<>(List.of(parts).subList(1, parts.length));
                    m.put(parts[0], classes);
                }
            }
        }
        return m;
    }
}
