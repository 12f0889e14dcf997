package prism.scheme.geography.internal;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import prism.core.facts.Facts;
import prism.core.model.Customer;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Setting;

/**
 * geography.zone: local (home country and region), national (home country), else international by
 * the UN M49 region of the country; unknown when the country is missing or not an ISO code.
 */
@Component(service = ClassificationScheme.class)
public class GeographyZoneScheme implements ClassificationScheme {

    private static final String INTL = "Serve in the customer's language and currency, mind local rules, time zones and shipping.";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("local", "Local", "#08519c", "In the home country and home region.",
                    "Visits and events in person; local partners; fastest delivery."),
            new SchemeClass("national", "National", "#3182bd", "In the home country, outside the home region.",
                    "Field sales by area, national campaigns, regional events."),
            new SchemeClass("international-europe", "Europe", "#6baed6", "Abroad, in Europe.", INTL),
            new SchemeClass("international-asia", "Asia", "#fd8d3c", "Abroad, in Asia.", INTL),
            new SchemeClass("international-africa", "Africa", "#fdae6b", "Abroad, in Africa.", INTL),
            new SchemeClass("international-americas", "Americas", "#74c476", "Abroad, in the Americas.", INTL),
            new SchemeClass("international-oceania", "Oceania", "#9e9ac8", "Abroad, in Oceania.", INTL),
            new SchemeClass("unknown", "Unknown", "#bdbdbd", "Country missing, not an ISO 3166-1 code, or in no region.",
                    "Complete the address data."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.text("homeCountry", "Home country (ISO 3166-1 alpha-2)", "DE", "customers in this country are local or national"),
            Setting.text("homeRegion", "Home region", "Bavaria", "customers in the home country and this region are local"));

    @Override public String id() { return "geography.zone"; }
    @Override public String name() { return "Geographic zone"; }
    @Override public String description() {
        return "Local, national, or international by continent (UN M49 region of the ISO country code).";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    /** The home country and region as compared, once per run rather than per customer. */
    private record Home(String country, String region) {
    }

    /** The class of each UN M49 region, so a customer abroad costs no string concatenation. */
    private static final java.util.Map<String, String> INTERNATIONAL = new java.util.concurrent.ConcurrentHashMap<>();

    /** A customer's own facts and the settings decide: no ranking among the others. */
    @Override
    public boolean usesPopulation() {
        return false;
    }

    @Override
    public Classifier prepare(RunContext run) {
        Home home = new Home(norm(run.settings().text("homeCountry")), norm(run.settings().text("homeRegion")));
        return f -> assign(f, home);
    }

    private static Assignment assign(Facts f, Home h) {
        Customer c = f.customer();
        String country = norm(c.country());
        if (country.isEmpty()) {
            return Assignment.of("unknown", Explanation.of("country missing", "country", null));
        }
        if (country.equals(h.country())) {
            String region = norm(c.region());
            String homeRegion = h.region();
            if (!homeRegion.isEmpty() && region.equals(homeRegion)) {
                return Assignment.of("local", Explanation.of("country = homeCountry and region = homeRegion",
                        "country", c.country(), "region", c.region()));
            }
            return Assignment.of("national", Explanation.of("country = homeCountry", "country", c.country(), "region", c.region()));
        }
        Countries.Country k = Countries.byCode(country);
        if (k == null) {
            return Assignment.of("unknown", Explanation.of("country not an ISO 3166-1 alpha-2 code", "country", c.country()));
        }
        if (k.region().isEmpty()) {
            return Assignment.of("unknown", Explanation.of("country in no UN M49 region", "country", k.code()));
        }
        return Assignment.of(INTERNATIONAL.computeIfAbsent(k.region(), r -> "international-" + r), Explanation.of("UN M49 region of country",
                "country", k.code(), "region", k.region()));
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
