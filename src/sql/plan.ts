// Derived columns computed in stages: each stage is one CTE that may use the columns of the stages before it.
// SQL cannot name a value and reuse it in the same SELECT, so a reading of a cell built in steps becomes a chain.
// A column read once is written into its reader instead, and each stage passes on only the columns still
// needed: DuckDB's cost grows with stages x columns, and `SELECT *` through forty stages took seconds to plan.

/** Reads a column by name inside a derived column's expression, recording the dependency. */
export type Ref = (column: string) => string;

interface Derived {
  name: string;
  /** SQL with dependencies written as placeholders (see `placeholder`). */
  sql: string;
  deps: string[];
}

export interface Stage {
  /** Derived columns computed in this stage: name and SQL. */
  computed: { name: string; sql: string }[];
  /** Derived columns of earlier stages passed on because a later stage or the result reads them. */
  carried: string[];
}

/** Control characters mark a column read inside an expression until the plan decides how to write it. */
const OPEN = '\u0001';
const CLOSE = '\u0002';
const PLACEHOLDER = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');

function placeholder(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

export class Plan {
  private readonly derived = new Map<string, Derived>();

  /** `quote` writes a column name as SQL. */
  constructor(private readonly quote: (name: string) => string) {}

  /** Adds a derived column computed by `build` from input columns and earlier derived columns. */
  add(name: string, build: (ref: Ref) => string): string {
    if (this.derived.has(name)) throw new Error(`derived column '${name}' defined twice`);
    const deps: string[] = [];
    const sql = build((column) => placeholder(column));
    // Counted in the text, not per ref() call: a dialect may write one argument several times.
    for (const match of sql.matchAll(PLACEHOLDER)) deps.push(match[1] as string);
    this.derived.set(name, { name, sql, deps });
    return name;
  }

  /**
   * The stages computing `outputs` (derived column names), and the SQL of each output as the last stage
   * names it. Input columns are everything not derived here.
   */
  finish(outputs: readonly string[]): { stages: Stage[]; output: (name: string) => string } {
    const uses = new Map<string, number>();
    const count = (name: string) => uses.set(name, (uses.get(name) ?? 0) + 1);
    const reachable = new Set<string>();
    const visit = (name: string): void => {
      if (reachable.has(name) || !this.derived.has(name)) return;
      reachable.add(name);
      for (const dep of this.derived.get(name)?.deps ?? []) visit(dep);
    };
    for (const name of outputs) visit(name);
    for (const name of reachable) for (const dep of this.derived.get(name)?.deps ?? []) count(dep);
    for (const name of outputs) count(name);
    const inlined = (name: string) =>
      this.derived.has(name) && uses.get(name) === 1 && !outputs.includes(name);

    // SQL of a column with single-use dependencies written in place; materialised ones by name.
    const expanded = new Map<string, string>();
    const expand = (name: string): string => {
      const known = expanded.get(name);
      if (known !== undefined) return known;
      const column = this.derived.get(name) as Derived;
      const sql = column.sql.replace(PLACEHOLDER, (_match, dep: string) =>
        inlined(dep) ? `(${expand(dep)})` : this.quote(dep),
      );
      expanded.set(name, sql);
      return sql;
    };
    // The materialised columns a column reads, looking through inlined ones.
    const reads = (name: string): string[] =>
      (this.derived.get(name)?.deps ?? []).flatMap((dep) =>
        !this.derived.has(dep) ? [] : inlined(dep) ? reads(dep) : [dep],
      );
    const stageOf = new Map<string, number>();
    const stage = (name: string): number => {
      let known = stageOf.get(name);
      if (known === undefined) {
        known = 1 + Math.max(0, ...reads(name).map(stage));
        stageOf.set(name, known);
      }
      return known;
    };
    const materialised = [...reachable].filter((name) => !inlined(name));
    const last = Math.max(0, ...materialised.map(stage));
    // The last stage a materialised column is read in (the result reads in stage last + 1).
    const lastRead = new Map<string, number>();
    for (const name of materialised) {
      for (const dep of reads(name)) lastRead.set(dep, Math.max(lastRead.get(dep) ?? 0, stage(name)));
    }
    for (const name of outputs) lastRead.set(name, last + 1);
    const stages: Stage[] = [];
    for (let s = 1; s <= last; s++) {
      stages.push({
        computed: materialised
          .filter((name) => stage(name) === s)
          .map((name) => ({ name, sql: expand(name) })),
        carried: materialised.filter((name) => stage(name) < s && (lastRead.get(name) ?? 0) > s),
      });
    }
    return { stages, output: (name) => this.quote(name) };
  }
}
