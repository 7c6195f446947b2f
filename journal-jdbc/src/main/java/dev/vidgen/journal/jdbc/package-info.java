/** Durable batch journals over JDBC: an embedded SQLite file, or PostgreSQL shared by several workers. */
package dev.vidgen.journal.jdbc;
