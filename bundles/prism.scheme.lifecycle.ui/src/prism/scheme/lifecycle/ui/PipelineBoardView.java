package prism.scheme.lifecycle.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeClass;
import prism.store.RunInfo;
import prism.store.StoreQueries;
import prism.ui.SchemeUi;
import prism.ui.SchemeViewPart;
import prism.ui.WorkbenchData;

/** The pipeline board: a column per sales stage with its customers (the first 200 of each) and their last contact. */
public class PipelineBoardView extends SchemeViewPart {

    static final List<String> STAGES = List.of("interested", "hesitating", "quoted_no_feedback", "not_now", "never");
    private final Map<String, Table> columns = new LinkedHashMap<>();
    private final Map<String, Label> titles = new LinkedHashMap<>();

    public PipelineBoardView() {
        super("lifecycle.pipeline");
    }

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new GridLayout(STAGES.size(), true));
        for (String s : STAGES) {
            Label l = new Label(parent, SWT.CENTER);
            l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            titles.put(s, l);
        }
        for (String s : STAGES) {
            Table t = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
            t.setHeaderVisible(true);
            for (String h : new String[] {"Customer", "Name", "Last contact"}) {
                TableColumn c = new TableColumn(t, SWT.NONE);
                c.setText(h);
                c.setWidth(h.equals("Name") ? 130 : 85);
            }
            GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
            gd.heightHint = 100;
            gd.widthHint = 100;
            t.setLayoutData(gd);
            columns.put(s, t);
        }
    }

    @Override
    protected Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme) {
        Map<String, double[]> stats = data.store().queries().classStats(run.number(), scheme.id());
        Map<String, List<StoreQueries.ActionRow>> cards = new LinkedHashMap<>();
        for (String s : STAGES) {
            cards.put(s, data.store().queries().customersOfClasses(run.number(), scheme.id(), Set.of(s), 200));
        }
        return () -> {
            for (String s : STAGES) {
                SchemeClass c = scheme.scheme().schemeClass(s);
                Label l = titles.get(s);
                l.setText((c == null ? s : c.label()) + String.format(" (%,d)", (long) stats.getOrDefault(s, new double[2])[0]));
                l.setBackground(SchemeUi.get().colour(scheme.scheme(), s));
                l.setForeground(SchemeUi.textOn(l.getBackground()));
                Table t = columns.get(s);
                t.removeAll();
                for (StoreQueries.ActionRow a : cards.get(s)) {
                    TableItem item = new TableItem(t, SWT.NONE);
                    item.setText(new String[] {a.customerId(), a.name() == null ? "" : a.name(),
                            a.lastContact() == null ? "" : a.lastContact().toString()});
                }
            }
        };
    }
}
