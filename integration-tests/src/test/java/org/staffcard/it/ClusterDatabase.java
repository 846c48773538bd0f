package org.staffcard.it;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database the cluster's nodes share, on this machine's server (trust authentication for
 * {@code postgres} on 127.0.0.1). Each run starts from an empty database, so no realm or cluster member of an
 * earlier run is found.
 */
final class ClusterDatabase {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";

    private final String name;

    ClusterDatabase(String name) {
        this.name = name;
    }

    /** Whether a PostgreSQL server answers on 127.0.0.1:5432 and lets {@code postgres} in without a password. */
    static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (java.io.IOException e) {
            return false;
        }
        try (Connection ignored = DriverManager.getConnection(url("postgres"), USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    void recreate() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement sql = admin.createStatement()) {
            // WITH (FORCE) ends sessions a crashed earlier run may have left open (PostgreSQL 13 and later).
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        }
    }

    String jdbcUrl() {
        return url(name);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }
}
