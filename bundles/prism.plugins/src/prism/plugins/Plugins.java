package prism.plugins;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * The features (plugins) of this Prism installation, through p2, as Help › Install New Software does it:
 * list them, install one from a repository, remove one. A change takes effect at the next start of Prism
 * (the next command on the command line; a restart of the workbench).
 */
public final class Plugins {

    /** p2's name for a feature's installable unit: the feature id with this suffix. */
    static final String GROUP = ".feature.group";
    /** The product's own features: the platform, which a plugin cannot take away. */
    static final Set<String> PLATFORM = Set.of("prism.feature");
    private static final String ROOT = "org.eclipse.equinox.p2.type.root";

    /** A feature of the installation. {@code removable}: installed on its own (a root), not the platform. */
    public record Feature(String id, String version, String name, String provider, boolean removable) {
    }

    private final IProvisioningAgent agent;
    private final IProfile profile;

    private Plugins(IProvisioningAgent agent, IProfile profile) {
        this.agent = agent;
        this.profile = profile;
    }

    /** The running installation's p2 profile. */
    public static Plugins ofThisInstallation() throws PluginException {
        BundleContext ctx = FrameworkUtil.getBundle(Plugins.class).getBundleContext();
        IProvisioningAgent agent = service(ctx, IProvisioningAgent.class);
        if (agent == null) {
            IProvisioningAgentProvider provider = service(ctx, IProvisioningAgentProvider.class);
            try {
                agent = provider == null ? null : provider.createAgent(null); // null: the running installation's agent
            } catch (ProvisionException e) {
                throw new PluginException(PluginException.Kind.NOT_PROVISIONED, "cannot open this installation's p2 data: " + e.getMessage(), e);
            }
        }
        IProfileRegistry profiles = agent == null ? null : agent.getService(IProfileRegistry.class);
        IProfile self = profiles == null ? null : profiles.getProfile(IProfileRegistry.SELF);
        if (self == null) {
            throw new PluginException(PluginException.Kind.NOT_PROVISIONED,
                    "this Prism has no p2 profile, so plugins cannot be installed into it: run the product built by ./mvnw verify "
                            + "(releng/prism.product/target/products/…), not a development launch");
        }
        return new Plugins(agent, self);
    }

    private static <T> T service(BundleContext ctx, Class<T> type) {
        ServiceReference<T> ref = ctx.getServiceReference(type);
        return ref == null ? null : ctx.getService(ref);
    }

    /** Every feature installed, the platform's and the plugins', by id. */
    public List<Feature> installed() {
        List<Feature> out = new ArrayList<>();
        IProfile now = current();
        for (IInstallableUnit iu : now.query(QueryUtil.createIUGroupQuery(), null)) {
            if (iu.getId().endsWith(GROUP)) {
                String id = iu.getId().substring(0, iu.getId().length() - GROUP.length());
                boolean root = "true".equals(now.getInstallableUnitProperty(iu, ROOT));
                out.add(new Feature(id, iu.getVersion().toString(), iu.getProperty(IInstallableUnit.PROP_NAME, null),
                        iu.getProperty(IInstallableUnit.PROP_PROVIDER, null), root && !PLATFORM.contains(id)));
            }
        }
        out.sort(Comparator.comparing(Feature::id));
        return out;
    }

    /** The profile as it is now: another process may have changed it since this one opened it. */
    private IProfile current() {
        IProfile p = agent.getService(IProfileRegistry.class).getProfile(profile.getProfileId());
        return p == null ? profile : p;
    }

    /** The features a repository offers (the newest version of each), by id. */
    public List<Feature> available(URI repository, IProgressMonitor monitor) throws PluginException {
        List<Feature> out = new ArrayList<>();
        for (IInstallableUnit iu : load(repository, monitor).query(QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()), monitor)) {
            if (iu.getId().endsWith(GROUP)) {
                out.add(new Feature(iu.getId().substring(0, iu.getId().length() - GROUP.length()), iu.getVersion().toString(),
                        iu.getProperty(IInstallableUnit.PROP_NAME, null), iu.getProperty(IInstallableUnit.PROP_PROVIDER, null), true));
            }
        }
        out.sort(Comparator.comparing(Feature::id));
        return out;
    }

    /** Installs the newest version of a feature from a repository (file: or http:); returns the feature installed. */
    public Feature install(URI repository, String featureId, IProgressMonitor monitor) throws PluginException {
        SubMonitor sub = SubMonitor.convert(monitor, "Installing " + featureId, 100);
        IMetadataRepository repo = load(repository, sub.split(20));
        IQueryResult<IInstallableUnit> found = repo.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(featureId + GROUP)), sub.split(5));
        if (found.isEmpty()) {
            List<String> there = available(repository, sub.split(5)).stream().map(Feature::id).toList();
            throw new PluginException(PluginException.Kind.BAD_INPUT, repository + " has no feature " + featureId
                    + (there.isEmpty() ? " (it has no features at all)" : "; it has " + String.join(", ", there)));
        }
        InstallOperation op = new InstallOperation(new ProvisioningSession(agent), found.toUnmodifiableSet());
        op.setProfileId(profile.getProfileId());
        run(op, repository, "cannot install " + featureId + " from " + repository, sub.split(70));
        IInstallableUnit iu = found.iterator().next();
        return new Feature(featureId, iu.getVersion().toString(), iu.getProperty(IInstallableUnit.PROP_NAME, null),
                iu.getProperty(IInstallableUnit.PROP_PROVIDER, null), true);
    }

    /** Removes a feature installed as a plugin; the platform's features stay. */
    public Feature uninstall(String featureId, IProgressMonitor monitor) throws PluginException {
        Feature f = installed().stream().filter(x -> x.id().equals(featureId)).findFirst().orElseThrow(() -> new PluginException(
                PluginException.Kind.BAD_INPUT, "no feature " + featureId + " is installed; installed: "
                        + String.join(", ", installed().stream().map(Feature::id).toList())));
        if (!f.removable()) {
            throw new PluginException(PluginException.Kind.BAD_INPUT, featureId + " is part of the Prism platform and cannot be removed"
                    + " (only features installed as plugins can: " + String.join(", ", installed().stream().filter(Feature::removable)
                            .map(Feature::id).toList()) + ")");
        }
        IQueryResult<IInstallableUnit> ius = current().query(QueryUtil.createIUQuery(featureId + GROUP), null);
        UninstallOperation op = new UninstallOperation(new ProvisioningSession(agent), ius.toUnmodifiableSet());
        op.setProfileId(profile.getProfileId());
        run(op, null, "cannot remove " + featureId, monitor);
        return f;
    }

    private IMetadataRepository load(URI repository, IProgressMonitor monitor) throws PluginException {
        IMetadataRepositoryManager metadata = agent.getService(IMetadataRepositoryManager.class);
        IArtifactRepositoryManager artifacts = agent.getService(IArtifactRepositoryManager.class);
        try {
            IMetadataRepository repo = metadata.loadRepository(repository, monitor);
            artifacts.loadRepository(repository, monitor);
            return repo;
        } catch (ProvisionException e) {
            throw new PluginException(PluginException.Kind.UNREACHABLE, "cannot read the plugin repository " + repository + ": "
                    + e.getMessage(), e);
        } catch (org.eclipse.core.runtime.OperationCanceledException e) {
            throw e;
        }
    }

    /** Resolves the change against the installation (and the repository), then performs it. */
    private void run(ProfileChangeOperation op, URI repository, String what, IProgressMonitor monitor) throws PluginException {
        SubMonitor sub = SubMonitor.convert(monitor, 100);
        ProvisioningContext ctx = new ProvisioningContext(agent);
        // Only the named repository: a plugin's requirements are met by it and by what is installed, never
        // by repositories p2 remembers from elsewhere.
        ctx.setMetadataRepositories(repository == null ? new URI[0] : new URI[] {repository});
        ctx.setArtifactRepositories(repository == null ? new URI[0] : new URI[] {repository});
        op.setProvisioningContext(ctx);
        IStatus resolved = op.resolveModal(sub.split(40));
        if (resolved.getSeverity() == IStatus.CANCEL) {
            throw new org.eclipse.core.runtime.OperationCanceledException();
        }
        if (resolved.getSeverity() == IStatus.ERROR || !op.hasResolved()) {
            throw new PluginException(PluginException.Kind.UNMET_REQUIREMENTS, what + ": " + details(resolved, op.getResolutionDetails()));
        }
        ProvisioningJob job = op.getProvisioningJob(sub.split(5));
        if (job == null) {
            throw new PluginException(PluginException.Kind.UNMET_REQUIREMENTS, what + ": " + details(resolved, op.getResolutionDetails()));
        }
        IStatus done = job.runModal(sub.split(55));
        if (done.getSeverity() == IStatus.CANCEL) {
            throw new org.eclipse.core.runtime.OperationCanceledException();
        }
        if (done.getSeverity() == IStatus.ERROR) {
            throw new PluginException(PluginException.Kind.UNREACHABLE, what + ": " + details(done, null));
        }
    }

    /** p2's explanation of what is missing: its resolution details, else the status's messages and its children's, on lines. */
    static String details(IStatus status, String resolution) {
        if (resolution != null && !resolution.isBlank()) {
            return resolution.trim().replace("\n", System.lineSeparator() + "  ");
        }
        StringBuilder sb = new StringBuilder(status.getMessage());
        if (status instanceof MultiStatus m) {
            for (IStatus c : m.getChildren()) {
                sb.append(System.lineSeparator()).append("  ").append(details(c, null).replace(System.lineSeparator(), System.lineSeparator() + "  "));
            }
        }
        return sb.toString();
    }
}
