package prism.store.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import prism.core.model.Customer;
import prism.core.model.Interaction;
import prism.core.model.InteractionType;
import prism.core.model.Order;
import prism.core.model.Stage;
import prism.core.run.CustomerSource;
import prism.store.StoreException;

/** Streams the stored customers, orders and interactions to a run with plain JDBC reads. */
public final class StoreSource implements CustomerSource {

    private final Database db;

    public StoreSource(Database db) {
        this.db = db;
    }

    @Override
    public void customers(Consumer<Customer> sink) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            Map<String, Map<String, String>> attrs = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT CUSTOMER_ID, NAME, VAL FROM CUSTOMER_ATTR")) {
                while (rs.next()) {
                    attrs.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT ID, NAME, KIND, ROLE, COUNTRY, REGION, CITY, INDUSTRY, PLAN, CREATED, "
                    + "REFUSED FROM CUSTOMER ORDER BY ID")) {
                while (rs.next()) {
                    sink.accept(read(rs, attrs.getOrDefault(rs.getString(1), Map.of())));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read customers: " + e.getMessage(), e);
        }
    }

    /** One customer with its attributes. */
    public java.util.Optional<Customer> customer(String id) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT ID, NAME, KIND, ROLE, COUNTRY, REGION, CITY, INDUSTRY, PLAN, "
                        + "CREATED, REFUSED FROM CUSTOMER WHERE ID = ?");
                PreparedStatement pa = c.prepareStatement("SELECT NAME, VAL FROM CUSTOMER_ATTR WHERE CUSTOMER_ID = ?")) {
            ps.setString(1, id);
            pa.setString(1, id);
            Map<String, String> attrs = new HashMap<>();
            try (ResultSet rs = pa.executeQuery()) {
                while (rs.next()) {
                    attrs.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(read(rs, attrs));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read customer " + id + ": " + e.getMessage(), e);
        }
    }

    private static Customer read(ResultSet rs, Map<String, String> attrs) throws SQLException {
        Date created = rs.getDate(10);
        boolean refused = rs.getBoolean(11);
        Boolean refusedValue = rs.wasNull() ? null : refused;
        return new Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                created == null ? null : created.toLocalDate(), refusedValue, attrs);
    }

    @Override
    public void orders(LocalDate asOf, Consumer<Order> sink) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ID, CUSTOMER_ID, ORDER_DATE, AMOUNT, DISCOUNT, PROMO, CUSTOM, COST FROM ORDERS WHERE ORDER_DATE <= ?")) {
            ps.setDate(1, Date.valueOf(asOf));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double cost = rs.getDouble(8);
                    Double costValue = rs.wasNull() ? null : cost;
                    sink.accept(new Order(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDouble(4),
                            rs.getDouble(5), rs.getBoolean(6), rs.getBoolean(7), costValue));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read orders: " + e.getMessage(), e);
        }
    }

    @Override
    public void interactions(LocalDate asOf, Consumer<Interaction> sink) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ID, CUSTOMER_ID, IX_DATE, TYPE, SCORE, STAGE, NOTE FROM INTERACTION WHERE IX_DATE <= ?")) {
            ps.setDate(1, Date.valueOf(asOf));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int score = rs.getInt(5);
                    Integer scoreValue = rs.wasNull() ? null : score;
                    String stage = rs.getString(6);
                    sink.accept(new Interaction(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            InteractionType.parse(rs.getString(4)).orElseThrow(), scoreValue,
                            stage == null ? null : Stage.parse(stage).orElse(null), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read interactions: " + e.getMessage(), e);
        }
    }
}
