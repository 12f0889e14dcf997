package prism.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.cli.tests.CliHarness.run;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import prism.cli.Cli;

/**
 * The command line as IT scripts it: the commands, their options and exit codes stay what they were
 * when the parsing moved to picocli; each command's help and a completion script come with it.
 */
class CommandLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "runs --foo 1|'runs' does not take --foo; it takes --db, --jdbc, --user",
        "runs --db|option --db needs a value",
        "runs --db a --db b|option --db is given twice",
        "bogus|unknown command 'bogus'",
        "runs extra|unexpected argument 'extra' after command 'runs'",
        "export --out --db x|option --out needs a value",
        "runs --user u|--user goes with --jdbc URL",
        "generate --customers many --out x|--customers expects a whole number of 0 or more, found 'many'"})
    void aWrongCommandLineIsAUsageErrorThatSaysWhatIsWrong(String line, String expected) throws Exception {
        CliHarness.Result r = run(line.split(" "));
        assertEquals(Cli.USAGE, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(r.err().contains("Run 'prism help' for the commands."), r.err());
    }

    @Test
    void helpListsEveryCommandAndEachCommandItsOptions() throws Exception {
        CliHarness.Result h = run("help");
        assertEquals(0, h.code());
        for (String c : new String[] {"demo", "generate", "import", "classify", "export", "schemes", "runs", "completion"}) {
            assertTrue(h.out().contains("  " + c), c + " is missing from:\n" + h.out());
        }
        CliHarness.Result c = run("classify", "--help");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("Usage: prism classify"), c.out());
        for (String o : new String[] {"--scheme", "--as-of", "--set", "--full", "--db", "--jdbc", "--user"}) {
            assertTrue(c.out().contains(o), o + " is missing from:\n" + c.out());
        }
        assertEquals(h.out(), run().out(), "no command is help");
    }

    @Test
    void completionGivesABashScriptForEveryCommand() throws Exception {
        CliHarness.Result r = run("completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F"), "not a bash completion script");
        assertTrue(r.out().contains("classify") && r.out().contains("--as-of") && r.out().contains("--rejects"), "a command or option is missing");
    }

    @Test
    void optionValuesMayStartWithADashOrBeGivenWithAnEqualsSign() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("prism-cl");
        CliHarness.Result g = run("generate", "--customers=20", "--out", dir.toString(), "--seed", "-5");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().startsWith("Wrote 20 customers"), g.out());
    }
}
