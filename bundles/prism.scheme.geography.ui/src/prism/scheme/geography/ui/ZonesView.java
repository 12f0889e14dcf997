package prism.scheme.geography.ui;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.scheme.geography.internal.Countries;
import prism.store.RunInfo;
import prism.ui.SchemeUi;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/** Zones by continent and country: each zone with its customers, opened into the countries they are in. */
public class ZonesView extends SchemeViewPart {

    private Tree tree;

    public ZonesView() {
        super("geography.zone");
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        tree = new Tree(parent, SWT.BORDER | SWT.FULL_SELECTION);
        tree.setHeaderVisible(true);
        for (String[] c : new String[][] {{"Zone / country", "260"}, {"Customers", "90"}, {"Code", "60"}}) {
            TreeColumn col = new TreeColumn(tree, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        Map<List<String>, Long> counts = data.store().queries().classCountsBy(run.number(), scheme.id(), "country");
        return () -> {
            tree.removeAll();
            for (SchemeClass zone : scheme.scheme().classes()) {
                Map<String, Long> byCountry = new TreeMap<>();
                counts.forEach((k, n) -> {
                    if (k.get(0).equals(zone.id())) {
                        byCountry.merge(k.get(1), n, Long::sum);
                    }
                });
                long total = byCountry.values().stream().mapToLong(Long::longValue).sum();
                TreeItem z = new TreeItem(tree, SWT.NONE);
                z.setText(new String[] {zone.label(), String.format("%,d", total), ""});
                z.setBackground(0, SchemeUi.get().colour(scheme.scheme(), zone.id()));
                z.setForeground(0, SchemeUi.textOn(z.getBackground(0)));
                byCountry.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
                    Countries.Country c = Countries.byCode(e.getKey());
                    TreeItem i = new TreeItem(z, SWT.NONE);
                    i.setText(new String[] {c == null ? (e.getKey().isEmpty() ? "(missing)" : "\"" + e.getKey() + "\" (not a code)") : c.name(),
                            String.format("%,d", e.getValue()), e.getKey()});
                });
            }
        };
    }
}
