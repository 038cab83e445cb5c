package io.groundstation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.groundstation.policy.Policy;
import io.groundstation.policy.PolicyJson;
import io.groundstation.policy.PolicyStore;
import io.groundstation.policy.StoredPolicy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies on a JDBC database; the targets are stored in their canonical JSON form and read back as they are. */
public final class JdbcPolicyStore implements PolicyStore {

    private static final TypeReference<Map<String, Map<String, Map<String, Object>>>> TARGETS =
            new TypeReference<>() { };
    private static final String SELECT = "SELECT service_name, version, targets, updated_at FROM policy";
    private static final String SAVE_POLICY = Upsert.sql("policy", List.of("service_name"),
            List.of("service_name", "version", "targets", "updated_at"),
            Map.of("version", "NEW.version", "targets", "NEW.targets", "updated_at", "NEW.updated_at"));
    private static final String SAVE_VERSION = Upsert.sql("policy_version", List.of("version"),
            List.of("version", "service_name", "targets", "created_at"), Map.of());

    private final Database database;

    public JdbcPolicyStore(Database database) {
        this.database = database;
    }

    @Override
    public void save(StoredPolicy policy) {
        String targets = policy.canonicalJson();
        database.write(handle -> {
            handle.createUpdate(SAVE_POLICY).bind("service_name", policy.policy().serviceName())
                    .bind("version", policy.version()).bind("targets", targets)
                    .bind("updated_at", policy.updatedAt()).execute();
            handle.createUpdate(SAVE_VERSION).bind("version", policy.version())
                    .bind("service_name", policy.policy().serviceName()).bind("targets", targets)
                    .bind("created_at", policy.updatedAt()).execute();
        });
    }

    @Override
    public boolean delete(String serviceName) {
        return database.writeResult(handle -> handle.createUpdate("DELETE FROM policy WHERE service_name = :service")
                .bind("service", serviceName).execute()) > 0;
    }

    @Override
    public List<StoredPolicy> findAll() {
        return database.read(handle -> handle.createQuery(SELECT + " ORDER BY service_name")
                .map((rs, ctx) -> stored(rs)).list());
    }

    @Override
    public Optional<StoredPolicy> find(String serviceName) {
        return database.read(handle -> handle.createQuery(SELECT + " WHERE service_name = :service")
                .bind("service", serviceName).map((rs, ctx) -> stored(rs)).findOne());
    }

    @Override
    public int count() {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM policy").mapTo(Integer.class).one());
    }

    private static StoredPolicy stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        String targets = rs.getString("targets");
        return new StoredPolicy(policy(rs.getString("service_name"), targets), rs.getString("version"),
                rs.getLong("updated_at"), targets);
    }

    @Override
    public Optional<Policy> findVersion(String version) {
        return database.read(handle -> handle.createQuery(
                        "SELECT service_name, targets FROM policy_version WHERE version = :version")
                .bind("version", version)
                .map((rs, ctx) -> policy(rs.getString("service_name"), rs.getString("targets")))
                .findOne());
    }

    private static Policy policy(String serviceName, String targets) {
        return PolicyJson.readCanonical(serviceName, Json.read(targets, TARGETS));
    }
}
