package prism.rules.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import prism.rules.Condition;

/**
 * A condition as rows of fact / operator / value pickers in groups joined by AND ("all of") or OR ("any
 * of"), groups nested in groups. It tells {@code changed} after each edit; the editor turns the tree into
 * the condition's text, and a text simple enough back into pickers.
 */
public final class ConditionPickers extends Composite {

    /** A group as edited. */
    static final class GroupModel {
        boolean all = true;
        final List<Object> items = new ArrayList<>();
    }

    /** A comparison as edited. */
    static final class ComparisonModel {
        String name = "orders";
        String operator = ">=";
        String value = "1";
    }

    private final Runnable changed;
    private final Composite body;
    private GroupModel root = new GroupModel();

    public ConditionPickers(Composite parent, Runnable changed) {
        super(parent, SWT.NONE);
        this.changed = changed;
        setLayout(new GridLayout(1, false));
        body = new Composite(this, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        body.setLayout(layout(1));
    }

    /** Shows a condition's tree. */
    public void show(Condition.Group g) {
        root = model(g);
        render();
    }

    /** Says why the condition cannot be shown as pickers, in place of them. */
    public void unavailable(String why) {
        clear();
        Label l = new Label(body, SWT.WRAP);
        l.setText(why);
        l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        relayout();
    }

    /** The pickers' condition. */
    public Condition.Group tree() {
        return tree(root);
    }

    /** For tests, as a user would: adds a comparison to the outermost group and tells the editor. */
    public void addComparison(String name, String operator, String value) {
        ComparisonModel c = new ComparisonModel();
        c.name = name;
        c.operator = operator;
        c.value = value;
        root.items.add(c);
        render();
        changed.run();
    }

    /** For tests: sets whether the outermost group joins with AND ({@code all}) or OR. */
    public void join(boolean all) {
        root.all = all;
        render();
        changed.run();
    }

    private void render() {
        clear();
        group(body, root, null);
        relayout();
    }

    private void clear() {
        for (Control c : body.getChildren()) {
            c.dispose();
        }
    }

    private void relayout() {
        body.layout(true, true);
        Composite top = getParent();
        while (top.getParent() != null && !(top instanceof org.eclipse.swt.custom.ScrolledComposite)) {
            top.layout(true, true);
            top = top.getParent();
        }
        if (top instanceof org.eclipse.swt.custom.ScrolledComposite sc && sc.getContent() != null) {
            sc.setMinSize(sc.getContent().computeSize(SWT.DEFAULT, SWT.DEFAULT));
        }
    }

    private void group(Composite parent, GroupModel g, GroupModel outer) {
        Composite box = new Composite(parent, outer == null ? SWT.NONE : SWT.BORDER);
        box.setLayout(layout(1));
        box.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite head = new Composite(box, SWT.NONE);
        head.setLayout(layout(4));
        Combo join = new Combo(head, SWT.READ_ONLY);
        join.setItems("all of (AND)", "any of (OR)");
        join.select(g.all ? 0 : 1);
        join.addListener(SWT.Selection, e -> {
            g.all = join.getSelectionIndex() == 0;
            changed.run();
        });
        Button add = new Button(head, SWT.PUSH);
        add.setText("Add comparison");
        add.addListener(SWT.Selection, e -> {
            g.items.add(new ComparisonModel());
            render();
            changed.run();
        });
        Button addGroup = new Button(head, SWT.PUSH);
        addGroup.setText("Add group");
        addGroup.addListener(SWT.Selection, e -> {
            GroupModel inner = new GroupModel();
            inner.all = !g.all;
            inner.items.add(new ComparisonModel());
            g.items.add(inner);
            render();
            changed.run();
        });
        if (outer != null) {
            Button remove = new Button(head, SWT.PUSH);
            remove.setText("Remove group");
            remove.addListener(SWT.Selection, e -> {
                outer.items.remove(g);
                render();
                changed.run();
            });
        }
        for (Object item : g.items) {
            if (item instanceof GroupModel inner) {
                Composite indent = new Composite(box, SWT.NONE);
                GridLayout l = layout(1);
                l.marginLeft = 16;
                indent.setLayout(l);
                indent.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                group(indent, inner, g);
            } else {
                comparison(box, (ComparisonModel) item, g);
            }
        }
    }

    private void comparison(Composite parent, ComparisonModel c, GroupModel g) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayout l = layout(4);
        l.marginLeft = 16;
        row.setLayout(l);
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Combo name = new Combo(row, SWT.DROP_DOWN);
        name.setItems(Condition.knownNames().stream().map(n -> n.equals("attr.NAME") ? "attr." : n).toArray(String[]::new));
        name.setText(c.name);
        name.setLayoutData(new GridData(180, SWT.DEFAULT));
        name.addListener(SWT.Modify, e -> {
            c.name = name.getText().trim();
            changed.run();
        });
        Combo op = new Combo(row, SWT.READ_ONLY);
        op.setItems(Condition.OPERATORS.toArray(String[]::new));
        op.select(Math.max(0, Condition.OPERATORS.indexOf(c.operator)));
        op.addListener(SWT.Selection, e -> {
            c.operator = op.getText();
            changed.run();
        });
        Text value = new Text(row, SWT.BORDER);
        value.setText(c.value);
        value.setMessage("30, 'DE', ['DE', 'AT'] or null");
        value.setToolTipText("A value as a condition writes it: a number, a string in quotes, a list in [ ], or null");
        value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        value.addListener(SWT.Modify, e -> {
            c.value = value.getText().trim();
            changed.run();
        });
        Button remove = new Button(row, SWT.PUSH);
        remove.setText("✕");
        remove.setToolTipText("Remove this comparison");
        remove.addListener(SWT.Selection, e -> {
            g.items.remove(c);
            render();
            changed.run();
        });
    }

    private static GridLayout layout(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginWidth = 0;
        l.marginHeight = 2;
        return l;
    }

    private static GroupModel model(Condition.Group g) {
        GroupModel m = new GroupModel();
        m.all = g.all();
        for (Condition.Node n : g.items()) {
            if (n instanceof Condition.Group inner) {
                m.items.add(model(inner));
            } else if (n instanceof Condition.Comparison c) {
                ComparisonModel cm = new ComparisonModel();
                cm.name = c.name();
                cm.operator = c.operator();
                cm.value = c.value();
                m.items.add(cm);
            }
        }
        return m;
    }

    private static Condition.Group tree(GroupModel m) {
        List<Condition.Node> items = new ArrayList<>();
        for (Object o : m.items) {
            if (o instanceof GroupModel inner) {
                items.add(tree(inner));
            } else {
                ComparisonModel c = (ComparisonModel) o;
                items.add(new Condition.Comparison(c.name, c.operator, c.value.isEmpty() ? "null" : c.value));
            }
        }
        return new Condition.Group(m.all, items);
    }
}
