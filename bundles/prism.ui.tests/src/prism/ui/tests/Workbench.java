package prism.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/** Page-object helpers: run on the UI thread, wait for a condition, show views, take screenshots. */
final class Workbench {

    private Workbench() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    static <T> T ui(Callable<T> c) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        display().syncExec(() -> {
            try {
                result.set(c.call());
            } catch (Exception e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw new IllegalStateException(error.get());
        }
        return result.get();
    }

    static void run(Runnable r) {
        display().syncExec(r);
    }

    /** Waits for the workbench window and shows the Prism perspective in it. */
    static void prismPerspective() {
        waitFor("the workbench window", 120, () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
        run(() -> {
            try {
                PlatformUI.getWorkbench().showPerspective(prism.ui.PrismUI.PERSPECTIVE_ID, PlatformUI.getWorkbench().getActiveWorkbenchWindow());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static IWorkbenchPage page() {
        return ui(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage());
    }

    @SuppressWarnings("unchecked")
    static <V extends IViewPart> V show(String id) {
        return (V) ui(() -> page().showView(id));
    }

    /** Waits up to {@code seconds} for the condition (checked on the UI thread). */
    static void waitFor(String what, int seconds, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (ui(condition::getAsBoolean)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
    }

    /** Saves a PNG of the workbench window into docs/screenshots (the prism.screenshots property). */
    static void screenshot(String name) throws Exception {
        String dir = System.getProperty("prism.screenshots");
        if (dir == null) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        run(() -> {
            Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
            while (display().readAndDispatch()) {
                // let pending paints finish
            }
            Rectangle b = shell.getBounds();
            Image image = new Image(display(), b.width, b.height);
            GC gc = new GC(display());
            gc.copyArea(image, b.x, b.y);
            gc.dispose();
            ImageData data = image.getImageData();
            image.dispose();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {data};
            loader.save(Path.of(dir, name + ".png").toString(), SWT.IMAGE_PNG);
        });
    }
}
