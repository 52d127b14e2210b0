// How a span of rows or columns (named range, metadata, format-rule range) moves when rows/columns are inserted or deleted.

export interface Span {
  start: number;
  count: number;
}

/** `n` rows/columns inserted so that the first new one is at `at` (1-based). Sheets grows a span when inserting inside it. */
export function spanAfterInsert(span: Span, at: number, n: number): Span {
  if (at <= span.start) return { start: span.start + n, count: span.count };
  if (at < span.start + span.count) return { start: span.start, count: span.count + n };
  return span;
}

/** `n` rows/columns deleted starting at `at` (1-based); null when the whole span was deleted. */
export function spanAfterDelete(span: Span, at: number, n: number): Span | null {
  const end = span.start + span.count - 1;
  const deletedEnd = at + n - 1;
  const overlap = Math.max(0, Math.min(end, deletedEnd) - Math.max(span.start, at) + 1);
  const before = Math.max(0, Math.min(deletedEnd, span.start - 1) - at + 1);
  const count = span.count - overlap;
  return count > 0 ? { start: span.start - before, count } : null;
}
