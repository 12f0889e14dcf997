package prism.scheme.lifecycle.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static prism.core.model.InteractionType.CALL;
import static prism.core.model.InteractionType.QUOTE;
import static prism.core.model.InteractionType.REFUSAL;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import prism.core.model.Stage;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;
import prism.testing.CustomerFixture;
import prism.scheme.lifecycle.internal.LifecycleStageScheme;
import prism.scheme.lifecycle.internal.PipelineScheme;

class LifecycleSchemesTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 3, 1);
    static final Population EMPTY = new Population(List.of());
    final LifecycleStageScheme stage = new LifecycleStageScheme();
    final PipelineScheme pipeline = new PipelineScheme();

    static String cls(ClassificationScheme s, CustomerFixture c) {
        return CustomerFixture.classify(s, c.facts(), EMPTY, Settings.defaults(s)).classId();
    }

    static CustomerFixture c() {
        return customer("c", AS_OF);
    }

    @Test
    void refusedAttributeIsUnprofitableWhateverTheOrders() {
        assertEquals("unprofitable", cls(stage, c().refused(true).order(1, 100).order(2, 100).order(3, 100).order(4, 100)));
        assertEquals("regular", cls(stage, c().refused(false).order(100, 100).order(2, 100).order(3, 100).order(4, 100)));
    }

    @Test
    void refusalWithoutALaterOrder() {
        assertEquals("unprofitable", cls(stage, c().order(20, 100).interaction(10, REFUSAL)));
        assertEquals("unprofitable", cls(stage, c().interaction(10, REFUSAL)), "no orders at all");
        assertEquals("new", cls(stage, c().order(10, 100).interaction(10, REFUSAL)), "an order on the refusal's day");
        assertEquals("new", cls(stage, c().order(5, 100).interaction(10, REFUSAL)), "an order after it");
        assertEquals("new", cls(stage, c().order(20, 100).interaction(-1, REFUSAL)), "refusal after the as-of date");
    }

    @Test
    void negativeMargin() {
        assertEquals("unprofitable", cls(stage, c().order(10, 100, 0, false, false, 100.01)));
        assertEquals("new", cls(stage, c().order(10, 100, 0, false, false, 100.0)), "margin 0 is not below 0");
        assertEquals("new", cls(stage, c().order(10, 100)), "no cost data, no margin");
    }

    @Test
    void potentialWithoutOrders() {
        assertEquals("potential", cls(stage, c().interaction(3, CALL)));
        assertEquals("potential", cls(stage, c().order(-3, 100)), "the only order is after the as-of date");
    }

    @Test
    void lostAndLapsingBoundaries() {
        assertEquals("lost", cls(stage, c().order(366, 100)));
        assertEquals("lapsing", cls(stage, c().order(365, 100)));
        assertEquals("lapsing", cls(stage, c().order(181, 100)));
        assertEquals("occasional", cls(stage, c().order(400, 100).order(180, 100)));
    }

    @Test
    void newBoundary() {
        assertEquals("new", cls(stage, c().order(90, 100)));
        assertEquals("occasional", cls(stage, c().order(91, 100)));
    }

    @Test
    void regularBoundary() {
        assertEquals("regular", cls(stage, c().order(200, 1).order(150, 1).order(100, 1).order(10, 1)));
        assertEquals("occasional", cls(stage, c().order(400, 1).order(150, 1).order(100, 1).order(10, 1)),
                "only three orders within 365 days");
    }

    @Test
    void stageSettings() {
        Settings s = Settings.of(stage, Map.of("lapsingDays", "90"));
        assertEquals("lapsing", CustomerFixture.classify(stage, c().order(400, 1).order(91, 1).facts(), EMPTY, s).classId());
    }

    @Test
    void pipelineTakesTheLatestStageAfterTheLastOrder() {
        assertEquals("interested", cls(pipeline, c().order(30, 1).interaction(10, CALL, null, Stage.INTERESTED)));
        assertEquals("not_now", cls(pipeline, c().order(30, 1).interaction(10, CALL, null, Stage.INTERESTED)
                .interaction(5, CALL, null, Stage.NOT_NOW).interaction(2, CALL)));
        assertEquals("never", cls(pipeline, c().interaction(500, CALL, null, Stage.NEVER)), "all interactions without orders");
        assertEquals("none", cls(pipeline, c().interaction(40, CALL, null, Stage.HESITATING).order(30, 1)),
                "a stage before the last order");
        assertEquals("hesitating", cls(pipeline, c().order(30, 1).interaction(20, CALL, null, Stage.HESITATING)
                .interaction(16, QUOTE)), "a stage wins over a later quote");
    }

    @Test
    void quoteWithoutFeedbackBoundary() {
        assertEquals("quoted_no_feedback", cls(pipeline, c().order(60, 1).interaction(15, QUOTE)));
        assertEquals("none", cls(pipeline, c().order(60, 1).interaction(14, QUOTE)), "14 days is not more than 14");
        assertEquals("none", cls(pipeline, c().order(60, 1).interaction(30, QUOTE).interaction(5, CALL)),
                "the latest interaction is not the quote");
        assertEquals("none", cls(pipeline, c().interaction(30, QUOTE).order(20, 1)), "the quote led to an order");
        assertEquals("none", cls(pipeline, c().order(20, 1)));
    }
}
