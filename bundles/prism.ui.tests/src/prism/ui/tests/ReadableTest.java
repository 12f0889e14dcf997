package prism.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import prism.ui.internal.views.Readable;

/** Stored explanations as the customer editor words them; the stored text itself never changes. */
class ReadableTest {

    @Test
    void countsOfInteractionsReadAsASentence() {
        assertEquals("1 complaint in the last 90 days", Readable.explanation("count90.complaint ≥ 1 [count90.complaint=1]", Locale.US));
        assertEquals("3 tickets in the last 90 days", Readable.explanation("count90.ticket ≥ 3 [count90.ticket=3]", Locale.US));
        assertEquals("2 referrals in all", Readable.explanation("count.referral ≥ 1 [count.referral=2]", Locale.US));
        assertEquals("Complaints in the last 90 days", Readable.factName("count90.complaint"));
        assertEquals("Days since the last order", Readable.factName("recency_days"));
    }

    @Test
    void theValueTierSaysWhereTheRevenueRanks() {
        String stored = "above < 0.2·n [revenue=6000000, above=0, n=4126]";
        assertEquals("Revenue 6,000,000.00 — in the top 20 % of 4,126 buyers (rank 1)", Readable.explanation(stored, Locale.US));
        assertEquals("Revenue 6.000.000,00 — in the top 20 % of 4.126 buyers (rank 1)", Readable.explanation(stored, Locale.GERMANY),
                "money and counts in the locale");
        assertEquals("Revenue 12.50 — below the top 50 % of 10 buyers (rank 8)",
                Readable.explanation("above ≥ 0.5·n [revenue=12.5, above=7, n=10]", Locale.US));
    }

    @Test
    void thePredictedValueReadsAsTheModelComputedIt() {
        String stored = "above < 0.2·n [p_alive=0.73, expected_purchases=1.23, horizon_weeks=52, value_per_purchase=24.65, "
                + "predicted_value=30.23, above=11, n=2357]";
        assertEquals("P(alive) 0.73; 1.23 purchases expected in 52 weeks × 24.65 = 30.23; rank 12 of 2,357 buyers by predicted value",
                Readable.explanation(stored, Locale.US));
        assertEquals("P(alive) 0.41; 2 repeat purchase days; t_x_weeks 30.43; T_weeks 38.86".substring(0, 15),
                Readable.explanation("P(alive) ≥ 0.3 [p_alive=0.41, x=2, t_x_weeks=30.43, T_weeks=38.86]", Locale.US).substring(0, 15));
    }

    @Test
    void datesDaysAndSharesInWords() {
        assertEquals("Last order 400 days ago", Readable.explanation("recency_days > 365 [recency_days=400]", Locale.US));
        assertEquals("First order on Jun 1, 2026; a customer for 29 days",
                Readable.explanation("tenure_days ≤ 90 [first_order=2026-06-01, tenure_days=29]", Locale.US));
        assertEquals("4 orders; 75 % of orders on promotion", Readable.explanation("promo_share ≥ 0.5 [orders=4, promo_share=0.75]", Locale.US));
        assertEquals("No orders", Readable.explanation("orders = 0 [orders=0]", Locale.US));
        assertEquals("No orders", Readable.explanation("orders = 0", Locale.US));
    }

    @Test
    void namesItDoesNotKnowAreShownAsTheyAre() {
        // A third-party scheme's own value, and a value that holds a comma.
        assertEquals("Note a, \"quoted\" value; 2 orders", Readable.explanation("orders ≥ 1 [note=a, \"quoted\" value, orders=2]", Locale.US));
        assertEquals("Something odd [unclosed", Readable.explanation("Something odd [unclosed", Locale.US));
        assertEquals("Country not given", Readable.explanation("country missing [country=none]", Locale.US));
    }
}
