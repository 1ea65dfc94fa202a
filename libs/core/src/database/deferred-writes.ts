/** A statement and its parameters ($1 … $n, each used). */
export interface SqlStatement {
  text: string;
  values: readonly unknown[];
}

const renumbered = (text: string, offset: number) => (offset === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`));

/**
 * Deferred writes (plain `INSERT …` statements into append-only tables that nobody reads in the writing
 * transaction: audit events, outbox rows) sent in front of `next` as data-modifying CTEs — one statement,
 * one round trip — their parameters first, `next`'s renumbered after them. PostgreSQL runs every
 * data-modifying CTE to completion whether or not it is read, after the main query. Null when `next`
 * cannot take a WITH in front (only SELECT, INSERT, UPDATE, DELETE and WITH … can).
 */
export function withDeferredWrites(writes: readonly SqlStatement[], next: SqlStatement): SqlStatement | null {
  if (writes.length === 0) return next;
  const head = /^\s*(WITH\s+RECURSIVE\b|WITH\b|SELECT\b|INSERT\b|UPDATE\b|DELETE\b)/i.exec(next.text);
  if (!head) return null;
  let offset = 0;
  const ctes = writes.map((w, i) => {
    const cte = `rentai_deferred_${i + 1} AS (${renumbered(w.text.trim(), offset)})`;
    offset += w.values.length;
    return cte;
  });
  const body = renumbered(next.text.trim(), offset);
  const keyword = head[1].toUpperCase().replace(/\s+/g, ' ');
  const text = keyword.startsWith('WITH')
    ? `${keyword} ${ctes.join(', ')}, ${body.slice(head[0].trim().length).trimStart()}`
    : `WITH ${ctes.join(', ')} ${body}`;
  return { text, values: [...writes.flatMap((w) => w.values), ...next.values] };
}
