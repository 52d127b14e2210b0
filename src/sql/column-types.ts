// The explicit schema of typed warehouse columns: which engine value each SQL type stands for.
// The SQL generator reads a column by its kind, and the DuckDB runner hands the JavaScript engine the same value.

/**
 * How the engine sees a column's cells: `text` as strings (a CSV, a sheet export, a STRING column), `number`
 * as JavaScript numbers, `boolean` as booleans, `date` as a Date at midnight UTC, `timestamp` as a Date at the
 * instant (DuckDB's TIMESTAMP has no zone and is read as UTC, like every date the engine reads), `datetime` as
 * BigQuery's zone-less DATETIME, also read as UTC (only the SQL that reads it differs). `any` is a column whose
 * type is not known when the SQL is written (the add-on's export): it is read through its STRING form. `other` is a type the
 * engine has no reading for (BYTES, STRUCT, ARRAY, JSON, TIME, INTERVAL...): a model may not read such a column.
 */
export type ColumnKind = 'text' | 'number' | 'boolean' | 'date' | 'timestamp' | 'datetime' | 'any' | 'other';

/** A column of the table being scored, as INFORMATION_SCHEMA.COLUMNS lists it. */
export interface TableColumn {
  name: string;
  kind: ColumnKind;
}

const TEXT = /^(?:string|varchar|text|char|bpchar|character|character varying|nvarchar|nchar)\b/;
const NUMBER =
  /^(?:int64|integer|int|bigint|smallint|tinyint|hugeint|uhugeint|ubigint|uinteger|usmallint|utinyint|int2|int4|int8|int16|int32|int128|float64|float|float4|float8|double|double precision|real|numeric|decimal|bignumeric|bigdecimal)\b/;
const TIMESTAMP =
  /^(?:timestamp|timestamptz|timestamp with time zone|timestamp_s|timestamp_ms|timestamp_ns)\b/;

/** The kind of a column from its SQL type name ("STRING", "INT64", "DECIMAL(18,3)", "TIMESTAMP WITH TIME ZONE"). */
export function columnKind(dataType: string): ColumnKind {
  const type = dataType.trim().toLowerCase().replace(/\s+/g, ' ');
  if (TEXT.test(type)) return 'text';
  if (NUMBER.test(type)) return 'number';
  if (type === 'bool' || type === 'boolean') return 'boolean';
  if (type === 'date') return 'date';
  if (TIMESTAMP.test(type)) return 'timestamp';
  if (type === 'datetime') return 'datetime';
  return 'other';
}
