// The other probes' predictions, as the emulator models them; test/gas/diagnostics-expectations.test.ts checks each
// against the emulator itself, and the typed-input cases live in typed-input-cases.ts.
import { COSTS } from '../../shared/cost-model';
import { CELL_CHARACTER_LIMIT } from '../safe-cell';

/** Sheet-level developer metadata that marks the add-on's diagnostics sheets (value: their role). */
export const DIAGNOSTICS_METADATA_KEY = 'leadscore.diagnostics';
/** The key of the metadata the probes themselves add (on the scratch sheet only). */
export const PROBE_METADATA_KEY = 'leadscore.diagnostics.probe';

/** Where a metadata probe puts its tag: a range in A1 form, or one whole column built from coordinates. */
type MetadataTarget = { kind: 'a1'; a1: string } | { kind: 'coordinates'; column: number };

export interface MetadataCase {
  id: string;
  target: MetadataTarget;
  /** Accepted, with the location's type and A1 notation; or refused with Apps Script's "arbitrary ranges" error. */
  outcome: { accepted: true; locationType: 'COLUMN' | 'ROW'; a1Notation: string } | { accepted: false };
}

export const METADATA_CASES: readonly MetadataCase[] = [
  {
    id: 'whole-column-a1',
    target: { kind: 'a1', a1: 'C:C' },
    outcome: { accepted: true, locationType: 'COLUMN', a1Notation: 'C:C' },
  },
  {
    id: 'whole-row-a1',
    target: { kind: 'a1', a1: '5:5' },
    outcome: { accepted: true, locationType: 'ROW', a1Notation: '5:5' },
  },
  {
    id: 'whole-column-coordinates',
    target: { kind: 'coordinates', column: 4 },
    outcome: { accepted: false },
  },
  { id: 'two-columns-a1', target: { kind: 'a1', a1: 'E:F' }, outcome: { accepted: false } },
  { id: 'one-cell-a1', target: { kind: 'a1', a1: 'D5' }, outcome: { accepted: false } },
];

/**
 * One column insert, two predictions: whole-column metadata moves with its column, and a conditional-format
 * rule's range grows while its formula keeps the text it was written with (the emulator rewrites no formula).
 */
export const COLUMN_INSERT = {
  insertColumnBefore: 2,
  metadata: { a1: 'H:H', after: 'I:I' },
  rule: {
    range: 'A2:F20',
    formula: '=AND($C2="Hot",N("leadscore-diagnostics")=0)',
    marker: 'N("leadscore-diagnostics")',
    rangeAfter: 'A2:G20',
    formulaAfter: '=AND($C2="Hot",N("leadscore-diagnostics")=0)',
  },
} as const;

/** A cell holds at most this many characters; one more is refused when the write reaches the sheet (the flush). */
export const CELL_LIMIT = {
  characters: CELL_CHARACTER_LIMIT,
  refusedAt: 'flush' as 'setValue' | 'flush',
} as const;

/** The spreadsheet's cell limit, and the grid of a new sheet (1,000 rows x 26 columns), which counts towards it. */
export const SPREADSHEET_LIMIT = {
  cells: 10_000_000,
  newSheetCells: 1_000 * 26,
} as const;

/** The timing block: as many cells as the spreadsheet has room for, up to a target, in blocks of whole rows. */
export const TIMING = {
  targetCells: 50_000,
  columns: 25,
  /** Below this, per-cell figures drown in per-call noise: not testable. */
  minimumCells: 1_000,
  /** Room left for the report sheet and the user's own growth. */
  reserveCells: 100_000,
  /** Single-cell calls timed; the median is the per-call figure. */
  samples: 3,
  /** Real Sheets is "as modelled" while no figure exceeds the high constants (docs/emulator.md). */
  bound: COSTS.high,
  central: COSTS.central,
} as const;

/** The custom-function probes: formulas over a one-lead table, read on the next run. */
export const CUSTOM_FUNCTION = {
  template: 'b2b-services',
  fields: 'score,band',
  unknownTemplate: 'no-such-template',
  /** What getValues shows for a custom function that threw. */
  errorValue: '#ERROR!',
  /** Sheets shows this while it computes. */
  loadingValue: 'Loading...',
} as const;

/** The one-off time trigger: runs a minute after the first run; given up on after half an hour. */
export const TRIGGER = {
  handler: 'onDiagnosticsTrigger',
  afterMs: 60_000,
  giveUpAfterMs: 30 * 60_000,
  /** Variant labels as behaviours.ts names them. */
  listed: { yes: 'time triggers listed', no: 'time triggers not listed' },
  activeSpreadsheet: { yes: 'active spreadsheet', no: 'no active spreadsheet' },
} as const;
