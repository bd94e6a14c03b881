import CLibPQ
import GenCore

/// One libpq connection, closed when released. libpq honours `PGHOST`, `PGUSER`,
/// `PGPASSWORD`, `PGSERVICE`, `~/.pgpass`, `sslmode` and SCRAM, as psql does.
final class PostgresConnection {
  private let connection: OpaquePointer

  /// Connects; the error is libpq's message.
  init(_ conninfo: String) throws(PostgresError) {
    guard let c = PQconnectdb(conninfo) else { throw PostgresError(message: "out of memory") }
    connection = c
    // Once `connection` is set, a throw still runs deinit, which closes it.
    guard PQstatus(c) == CONNECTION_OK else {
      throw PostgresError(message: String(cString: PQerrorMessage(c)))
    }
  }

  deinit { PQfinish(connection) }

  /// Runs a statement and returns its rows (text format); the error is the server's message.
  func execute(_ sql: String) throws(PostgresError) -> PostgresResult {
    guard let result = PQexec(connection, sql) else {
      throw PostgresError(message: String(cString: PQerrorMessage(connection)))
    }
    let status = PQresultStatus(result)
    guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
      let message = String(cString: PQresultErrorMessage(result))
      PQclear(result)
      throw PostgresError(message: message)
    }
    return PostgresResult(result)
  }
}

/// A result of `PQexec`, cleared when released.
final class PostgresResult {
  let result: OpaquePointer

  init(_ result: OpaquePointer) { self.result = result }
  deinit { PQclear(result) }

  var rowCount: Int { Int(PQntuples(result)) }
  var columnCount: Int { Int(PQnfields(result)) }
  func name(_ column: Int) -> String { String(cString: PQfname(result, Int32(column))) }
  func type(_ column: Int) -> UInt32 { PQftype(result, Int32(column)) }

  /// A cell's bytes; nil for NULL.
  func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8>? {
    if PQgetisnull(result, Int32(row), Int32(column)) != 0 { return nil }
    let n = Int(PQgetlength(result, Int32(row), Int32(column)))
    return PQgetvalue(result, Int32(row), Int32(column)).withMemoryRebound(to: UInt8.self, capacity: n) {
      UnsafeBufferPointer(start: $0, count: n)
    }
  }

  /// Every cell as text (nil: NULL).
  var texts: [[String?]] {
    (0..<rowCount).map { r in
      (0..<columnCount).map { c in bytes(r, c).map { String(decoding: $0, as: UTF8.self) } }
    }
  }

  /// Bytes of every cell, for the stats.
  var byteCount: Int {
    var total = 0
    for r in 0..<rowCount {
      for c in 0..<columnCount { total += Int(PQgetlength(result, Int32(r), Int32(c))) }
    }
    return total
  }
}

/// libpq's or the server's message.
struct PostgresError: Error {
  var message: String
}
