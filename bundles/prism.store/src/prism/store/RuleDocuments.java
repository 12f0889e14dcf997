package prism.store;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import prism.store.internal.RuleSchemeEntity;

/**
 * The analysts' rule schemes stored in the database, each save a new version; the documents are kept as
 * written (the store does not read them: {@code prism.rules} does). Get it from {@link PrismStore#ruleDocuments()}.
 *
 * @since 1.6
 */
public final class RuleDocuments {

    /** One saved version of a rule scheme. */
    public record Stored(String id, int version, String document, LocalDateTime savedAt) {
    }

    private final EntityManagerFactory emf;

    RuleDocuments(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** The latest version of every rule scheme not removed, by id. */
    public List<Stored> latest() {
        Map<String, Stored> latest = new LinkedHashMap<>();
        for (Stored s : query("SELECT r FROM RuleSchemeEntity r WHERE r.removed = FALSE ORDER BY r.schemeId, r.version", null)) {
            latest.put(s.id(), s);
        }
        return new ArrayList<>(latest.values());
    }

    /** The latest version of one rule scheme, unless removed. */
    public Optional<Stored> latest(String id) {
        return latest().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every version of a rule scheme, removed or not, oldest first: what past runs used. */
    public List<Stored> versions(String id) {
        return query("SELECT r FROM RuleSchemeEntity r WHERE r.schemeId = :id ORDER BY r.version", id);
    }

    /** Saves a new version (one more than the last, removed or not); returns it. */
    public Stored save(String id, String document) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Integer last = em.createQuery("SELECT MAX(r.version) FROM RuleSchemeEntity r WHERE r.schemeId = :id", Integer.class)
                    .setParameter("id", id).getSingleResult();
            // A scheme saved again after removal is back: its past versions stay as they were
            em.createQuery("UPDATE RuleSchemeEntity r SET r.removed = FALSE WHERE r.schemeId = :id").setParameter("id", id).executeUpdate();
            RuleSchemeEntity e = new RuleSchemeEntity();
            e.schemeId = id;
            e.version = last == null ? 1 : last + 1;
            e.key = id + "#" + e.version;
            e.document = document;
            e.savedAt = LocalDateTime.now().withNano(0);
            em.persist(e);
            em.getTransaction().commit();
            return new Stored(id, e.version, document, e.savedAt);
        } catch (RuntimeException x) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw new StoreException("cannot save the rule scheme " + id + ": " + x.getMessage(), x);
        } finally {
            em.close();
        }
    }

    /** Removes a rule scheme from new runs (its versions stay for the runs that used them); whether it was there. */
    public boolean remove(String id) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            int n = em.createQuery("UPDATE RuleSchemeEntity r SET r.removed = TRUE WHERE r.schemeId = :id AND r.removed = FALSE")
                    .setParameter("id", id).executeUpdate();
            em.getTransaction().commit();
            return n > 0;
        } catch (RuntimeException x) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw new StoreException("cannot remove the rule scheme " + id + ": " + x.getMessage(), x);
        } finally {
            em.close();
        }
    }

    private List<Stored> query(String jpql, String id) {
        EntityManager em = emf.createEntityManager();
        try {
            var q = em.createQuery(jpql, RuleSchemeEntity.class);
            if (id != null) {
                q.setParameter("id", id);
            }
            return q.getResultList().stream().map(e -> new Stored(e.schemeId, e.version, e.document, e.savedAt)).toList();
        } finally {
            em.close();
        }
    }
}
