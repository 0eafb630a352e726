// Reads each Parquet file given with DuckDB and prints, per file, its
// columns' DuckDB types and its rows (JSON: BIGINT as strings, so no
// precision is lost). Used by TestDuckDBReadsTheParquetFiles.
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const out = [];
  for (const p of process.argv.slice(2)) {
    const q = `SELECT * FROM read_parquet('${p.replaceAll("'", "''")}')`;
    const types = (await c.runAndReadAll(`DESCRIBE ${q}`)).getRowObjectsJson();
    const rows = (await c.runAndReadAll(q)).getRowsJson();
    const keys = (await c.runAndReadAll(`SELECT decode(key) FROM parquet_kv_metadata('${p.replaceAll("'", "''")}')`)).getRowsJson();
    out.push({ file: p, columns: types.map(t => [t.column_name, t.column_type]), rows, keys });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e.message); process.exit(1); });
