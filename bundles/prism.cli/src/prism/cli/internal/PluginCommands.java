package prism.cli.internal;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import prism.plugins.PluginException;
import prism.plugins.Plugins;

/**
 * {@code prism plugins}, {@code install} and {@code uninstall}: the installation's features through p2,
 * as Help › Install New Software does it. A change is used from the next command on.
 */
public final class PluginCommands {

    private final PrintStream out;
    private final PrintStream err;

    public PluginCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The installed features, or with {@code --repository} the features a repository offers. */
    public int plugins(Args a) throws UsageException {
        try {
            Plugins p = Plugins.ofThisInstallation();
            if (a.has("repository")) {
                URI repo = repository(a.option("repository").get());
                List<Plugins.Feature> there = p.available(repo, new ProgressLine(err, "repository"));
                print(there, false);
                if (there.isEmpty()) {
                    out.println("(the repository offers no feature)");
                }
                return 0;
            }
            print(p.installed(), true);
            return 0;
        } catch (PluginException e) {
            return fail(e);
        }
    }

    public int install(Args a) throws UsageException {
        URI repo = repository(a.require("repository"));
        String feature = a.require("feature");
        try {
            Plugins.Feature f = Plugins.ofThisInstallation().install(repo, feature, new ProgressLine(err, "install"));
            out.printf("Installed %s %s%s from %s.%n", f.id(), f.version(), f.provider() == null ? "" : " (" + f.provider() + ")", repo);
            out.println("Its schemes are used from the next command on (prism schemes lists them); the workbench asks to restart.");
            return 0;
        } catch (PluginException e) {
            return fail(e);
        }
    }

    public int uninstall(Args a) throws UsageException {
        String feature = a.require("feature");
        try {
            Plugins.Feature f = Plugins.ofThisInstallation().uninstall(feature, new ProgressLine(err, "uninstall"));
            out.printf("Removed %s %s. Its schemes are gone from the next command on; the runs they stored stay readable "
                    + "(prism runs marks them not installed).%n", f.id(), f.version());
            return 0;
        } catch (PluginException e) {
            return fail(e);
        }
    }

    private void print(List<Plugins.Feature> features, boolean installed) {
        out.printf("%-40s %-24s %-16s %s%n", "FEATURE", "VERSION", "PROVIDER", "NAME");
        for (Plugins.Feature f : features) {
            out.printf("%-40s %-24s %-16s %s%s%n", f.id(), f.version(), f.provider() == null ? "" : f.provider(),
                    f.name() == null ? "" : f.name(), installed && !f.removable() ? "  [platform]" : "");
        }
    }

    private int fail(PluginException e) {
        err.println("prism: " + e.getMessage());
        return e.kind().exitCode();
    }

    /** A repository: a URL (file:, http:, https:, jar:) or the path of a folder or zip. */
    static URI repository(String s) throws UsageException {
        if (s.matches("(?i)(file|https?|jar):.*")) {
            try {
                return new URI(s);
            } catch (URISyntaxException e) {
                throw new UsageException("--repository " + s + " is not a URL: " + e.getReason());
            }
        }
        Path p = Path.of(s).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new UsageException("--repository " + s + ": no such folder or file (give a p2 repository's folder, zip or URL)");
        }
        return p.toUri();
    }
}
