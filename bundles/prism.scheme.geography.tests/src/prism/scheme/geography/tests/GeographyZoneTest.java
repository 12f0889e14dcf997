package prism.scheme.geography.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import prism.testing.CustomerFixture;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;
import prism.scheme.geography.internal.Countries;
import prism.scheme.geography.internal.GeographyZoneScheme;

class GeographyZoneTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 1, 1);
    final GeographyZoneScheme scheme = new GeographyZoneScheme();

    String zone(String country, String region, Map<String, String> settings) {
        return CustomerFixture.classify(scheme, customer("c", AS_OF).country(country).region(region).facts(), new Population(List.of()),
                Settings.of(scheme, settings)).classId();
    }

    @ParameterizedTest
    @CsvSource(value = {"DE|Bavaria|local", "de | bavaria |local", "DE|BAVARIA|local", "DE|Hesse|national",
            "DE|<none>|national", "FR|Bavaria|international-europe", "jp|<none>|international-asia",
            "NG|<none>|international-africa", "BR|<none>|international-americas", "us|<none>|international-americas",
            "AU|<none>|international-oceania", "gb|<none>|international-europe", "TR|<none>|international-asia",
            "<none>|Bavaria|unknown", "XX|<none>|unknown", "Germany|<none>|unknown", "AQ|<none>|unknown",
            "'  '|<none>|unknown"}, delimiter = '|', nullValues = "<none>")
    void zones(String country, String region, String expected) {
        assertEquals(expected, zone(country, region, Map.of()));
    }

    @Test
    void homeIsASetting() {
        Map<String, String> fr = Map.of("homeCountry", "fr", "homeRegion", "Bretagne");
        assertEquals("local", zone("FR", " BRETAGNE", fr));
        assertEquals("national", zone("FR", "Alsace", fr));
        assertEquals("international-europe", zone("DE", "Bavaria", fr));
        Map<String, String> idf = Map.of("homeCountry", "FR", "homeRegion", "Île-de-France");
        assertEquals("local", zone("FR", "ÎLE-DE-FRANCE", idf));
        assertEquals("local", zone("FR", " île-de-france ", idf));
        assertEquals("national", zone("FR", "ILE-DE-FRANCE", idf), "Î is not I");
        Map<String, String> code = Map.of("homeCountry", "FR", "homeRegion", "FR-75 C");
        assertEquals("local", zone("FR", "fr-75 c", code));
        assertEquals("local", zone("FR", "FR-75 C ", code));
        assertEquals("national", zone("FR", "FR-75  C", code), "two spaces inside are not one");
    }

    @Test
    void theTableHoldsEveryIsoCodeWithAnM49Region() {
        assertEquals(249, Countries.all().size());
        Set<String> regions = Countries.all().values().stream().map(Countries.Country::region).collect(Collectors.toSet());
        assertEquals(Set.of("europe", "asia", "africa", "americas", "oceania", ""), regions);
        assertNotNull(Countries.byCode(" ch "));
        assertEquals("americas", Countries.byCode("GL").region(), "Greenland is in Northern America");
        assertEquals("asia", Countries.byCode("CY").region(), "Cyprus is in Western Asia");
        assertEquals("oceania", Countries.byCode("UM").region());
    }

    @Test
    void everyClassIsReachable() {
        Set<String> classes = scheme.classes().stream().map(c -> c.id()).collect(Collectors.toSet());
        for (Countries.Country c : Countries.all().values()) {
            String z = zone(c.code(), null, Map.of());
            assertEquals(true, classes.contains(z), c + " → " + z);
        }
    }
}
