package prism.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IRegistryEventListener;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;

/**
 * What scheme UI bundles declared under {@code prism.ui.schemeUi}, read lazily into descriptors and
 * forgotten when an extension comes or goes (so a bundle installed at runtime is seen at once), and the
 * colours and icons that follow from it. Use on the UI thread.
 */
public final class SchemeUi {

    /** A class's look and cadence. */
    public record ClassStyle(String scheme, String classId, RGB colour, ImageDescriptor icon, double contactsPerYear) {
    }

    /** A chart contribution; {@link #create()} instantiates its class. */
    public record Chart(String scheme, String name, IConfigurationElement element) {
        public SegmentChart create() throws CoreException {
            return (SegmentChart) element.createExecutableExtension("class");
        }
    }

    private static SchemeUi instance;

    private Map<String, ClassStyle> styles;
    private Map<String, List<String>> views;
    private Map<String, List<Chart>> charts;
    private final LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(Display.getDefault()));
    private final Map<String, Color> colours = new HashMap<>();

    private SchemeUi() {
        Platform.getExtensionRegistry().addListener(new IRegistryEventListener() {
            @Override public void added(org.eclipse.core.runtime.IExtension[] extensions) { reset(); }
            @Override public void removed(org.eclipse.core.runtime.IExtension[] extensions) { reset(); }
            @Override public void added(org.eclipse.core.runtime.IExtensionPoint[] points) { }
            @Override public void removed(org.eclipse.core.runtime.IExtensionPoint[] points) { }
        }, PrismUI.SCHEME_UI_EXTENSION_POINT);
    }

    public static synchronized SchemeUi get() {
        if (instance == null) {
            instance = new SchemeUi();
        }
        return instance;
    }

    private synchronized void reset() {
        styles = null;
        views = null;
        charts = null;
    }

    private synchronized void load() {
        if (styles != null) {
            return;
        }
        Map<String, ClassStyle> s = new HashMap<>();
        Map<String, List<String>> v = new HashMap<>();
        Map<String, List<Chart>> c = new HashMap<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(PrismUI.SCHEME_UI_EXTENSION_POINT)) {
            try {
                String scheme = e.getAttribute("scheme");
                switch (e.getName()) {
                    case "classStyle" -> {
                        String icon = e.getAttribute("icon");
                        String cadence = e.getAttribute("contactsPerYear");
                        s.put(scheme + "/" + e.getAttribute("class"), new ClassStyle(scheme, e.getAttribute("class"),
                                rgb(e.getAttribute("colour")), icon == null ? null
                                        : ImageDescriptor.createFromURL(Platform.getBundle(e.getContributor().getName()).getEntry(icon)),
                                cadence == null ? 4 : Double.parseDouble(cadence)));
                    }
                    case "schemeView" -> v.computeIfAbsent(scheme, k -> new ArrayList<>()).add(e.getAttribute("view"));
                    case "chart" -> c.computeIfAbsent(scheme, k -> new ArrayList<>()).add(new Chart(scheme, e.getAttribute("name"), e));
                    default -> { }
                }
            } catch (RuntimeException ex) {
                PrismUI.log("ignored a bad prism.ui.schemeUi contribution of " + e.getContributor().getName(), ex);
            }
        }
        styles = s;
        views = v;
        charts = c;
    }

    static RGB rgb(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            return null;
        }
        int v = Integer.parseInt(hex.substring(1), 16);
        return new RGB(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
    }

    public ClassStyle style(String scheme, String classId) {
        load();
        return styles.get(scheme + "/" + classId);
    }

    /** The class's colour: the UI bundle's, else the scheme's own, else grey. */
    public Color colour(ClassificationScheme scheme, String classId) {
        ClassStyle st = style(scheme.id(), classId);
        RGB rgb = st != null && st.colour() != null ? st.colour() : null;
        if (rgb == null) {
            SchemeClass c = scheme.schemeClass(classId);
            rgb = c == null ? null : rgb(c.colour());
        }
        if (rgb == null) {
            rgb = new RGB(200, 200, 200);
        }
        RGB key = rgb;
        return colours.computeIfAbsent(key.toString(), k -> resources.create(org.eclipse.jface.resource.ColorDescriptor.createFrom(key)));
    }

    /** Black or white, whichever reads better on the background. */
    public static Color textOn(Color background) {
        double l = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return Display.getDefault().getSystemColor(l > 140 ? org.eclipse.swt.SWT.COLOR_BLACK : org.eclipse.swt.SWT.COLOR_WHITE);
    }

    public Image icon(String scheme, String classId) {
        ClassStyle st = style(scheme, classId);
        return st == null || st.icon() == null ? null : resources.create(st.icon());
    }

    /** Contacts a year for the class: its UI bundle's, or a rule scheme's document's, else 4. */
    public double contactsPerYear(String scheme, String classId) {
        ClassStyle st = style(scheme, classId);
        if (st != null) {
            return st.contactsPerYear();
        }
        Double fromDocument = WorkbenchData.get().registry().find(scheme).map(InstalledScheme::scheme)
                .filter(prism.rules.RuleScheme.class::isInstance)
                .map(s -> ((prism.rules.RuleScheme) s).contactsPerYear(classId)).orElse(null);
        return fromDocument == null ? 4 : fromDocument;
    }

    public List<String> views(String scheme) {
        load();
        return views.getOrDefault(scheme, List.of());
    }

    public List<Chart> charts(String scheme) {
        load();
        return charts.getOrDefault(scheme, List.of());
    }
}
