// The emulator's one matrix of modelled behaviours: where real Apps Script is uncertain, what is modelled (the
// strictest plausible reading), on what evidence, and the variants the add-on must also pass under. Tests run
// each variant with describe.each(variantsOf(id)); a later "Run diagnostics" names these ids for its probes.
import type { EmulatorOptions } from './index';

export type Confidence = 'documented' | 'reported' | 'unverified';

export interface Behaviour {
  /** What the emulator does by default. */
  readonly models: string;
  /** The public evidence, in short (docs/emulator.md and ../shared/docs/apps-script-platform.md section I have more). */
  readonly evidence: string;
  readonly confidence: Confidence;
  /** Readings the add-on must pass under, by label; the first is the default. Absent: one reading, the strict one. */
  readonly variants?: Readonly<Record<string, Partial<EmulatorOptions>>>;
  /** The tests that run every variant (and so measure the matrix's added time). */
  readonly testedIn: readonly string[];
}

export const BEHAVIOURS = {
  typedInput: {
    models:
      'setValue(s), appendRow and setFormula(s) parse strings like typed input: grouped numbers, decimals, exponents, percent, currency, brackets for negatives, dates and date-times in common forms ("1-10" and "5-25" are dates), times, TRUE/FALSE; "=" starts a formula, and "+", "-", "@" before anything but a number or date make a formula that shows #ERROR!; a leading apostrophe forces text and is dropped.',
    evidence:
      'Range.setValues reference ("If a value begins with = ..."; its example writes "1,000,000" and "$2.99" as numbers); Sheets API USER_ENTERED ("same rules ... when entering text into a cell via the Google Sheets UI"); +/- reports for USER_ENTERED writes (gspread-dataframe issue 16). Exact forms per locale are unverified: the parser parses more rather than less.',
    confidence: 'reported',
    variants: { en_US: { locale: 'en_US' }, de_DE: { locale: 'de_DE' } },
    testedIn: ['test/emulator/typed-input.test.ts', 'test/gas/strings-round-trip.test.ts'],
  },
  plainTextCells: {
    models:
      'A cell whose number format is "@" keeps a written string exactly as given: no formula, no parsing, and a leading apostrophe stays part of the value.',
    evidence:
      'Plain-text format is the widely used way to keep "012" or "1-5" as text (platform brief, section I). Whether Sheets drops an apostrophe typed into a plain-text cell is undocumented: keeping it is the strict reading, since code that adds one would then show it.',
    confidence: 'unverified',
    testedIn: ['test/emulator/typed-input.test.ts', 'test/gas/strings-round-trip.test.ts'],
  },
  developerMetadataLocation: {
    models:
      'Developer metadata goes on the spreadsheet, a sheet, or one whole column or row obtained in A1 form (getRange("G:G"), getRange("5:5")). Ranges built from coordinates, even covering a whole column, and spans of several columns or rows throw "Adding developer metadata to arbitrary ranges is not currently supported...". getA1Notation of such ranges is "G:G" / "5:5".',
    evidence:
      'Sheets API DeveloperMetadataLocation: a dimension range "must represent a single row or column; it cannot be unbounded or span multiple rows or columns". The message is Apps Script\'s (gas-fakes tests run against live Apps Script). That coordinate ranges count as arbitrary is reported by practitioners, unverified.',
    confidence: 'reported',
    testedIn: ['test/emulator/developer-metadata.test.ts', 'test/gas/managed-scoring.test.ts'],
  },
  manifestScopes: {
    models:
      'Every call needs one of the scopes its reference page lists (or its class\'s), and the manifest (dist/appsscript.json) must grant one, else "You do not have permission to call X. Required permissions: ...".',
    evidence:
      'Per-method "Authorization" sections of the Apps Script reference; the error wording as reported for missing manifest scopes. Methods the reference lists no scope for take their class\'s scope (strict).',
    confidence: 'documented',
    testedIn: ['test/emulator/scopes.test.ts', 'test/smoke/bundle.test.ts'],
  },
  cellCharacterLimit: {
    models:
      'A string over 50,000 characters fails with "Your input contains more than the maximum of 50000 characters in a single cell." when the write reaches the sheet (at the next read, flush or the end of the execution).',
    evidence:
      'Google Sheets limits; the message as reported by Sheets API and Apps Script users; one public Apps Script test suite notes the error surfaces at flush.',
    confidence: 'reported',
    testedIn: ['test/emulator/limits.test.ts', 'test/gas/strings-round-trip.test.ts'],
  },
  spreadsheetCellLimit: {
    models:
      'Inserting rows, columns or sheets, or appendRow growing a sheet, beyond 10,000,000 cells in the spreadsheet throws "This action would increase the number of cells in the workbook above the limit of 10000000 cells."',
    evidence:
      'Google Sheets limits (10 million cells since 2022); the message as reported by Sheets API and Apps Script users.',
    confidence: 'reported',
    testedIn: ['test/emulator/limits.test.ts'],
  },
  userTriggersListTimeDriven: {
    models:
      "ScriptApp.getUserTriggers(ss) lists the user's spreadsheet triggers for that document; whether it lists time-driven triggers is unknown, so both readings are offered.",
    evidence:
      'Time-driven triggers have no trigger source id; public add-ons rely on getUserTriggers listing them, one claims the opposite (platform brief, section I). Unverified.',
    confidence: 'unverified',
    variants: {
      'time triggers not listed': { userTriggersListTimeDriven: false },
      'time triggers listed': { userTriggersListTimeDriven: true },
    },
    testedIn: ['test/emulator/script-app.test.ts', 'test/gas/triggers.test.ts'],
  },
  timeTriggerActiveSpreadsheet: {
    models:
      'Whether a time-driven trigger of an add-on sees an active spreadsheet (and so document properties and the document lock) is unknown, so both readings are offered.',
    evidence:
      'A published add-on with only spreadsheets.currentonly reads SpreadsheetApp.getActive() in its hourly handler; an older report says time triggers get null (platform brief, pitfall 8). Unverified.',
    confidence: 'unverified',
    variants: {
      'no active spreadsheet': { timeTriggerHasActiveSpreadsheet: false },
      'active spreadsheet': { timeTriggerHasActiveSpreadsheet: true },
    },
    testedIn: ['test/emulator/script-app.test.ts', 'test/gas/triggers.test.ts'],
  },
  deferredWrites: {
    models:
      "Value, format and background writes are queued with the coordinates they were given and reach the sheet at the next Sheets read, SpreadsheetApp.flush() or the end of the execution; a collaborator's edit made in between lands first, so the queued writes land shifted.",
    evidence:
      'Apps Script blog, "Optimizing Spreadsheet Operations" (2010): writes are cached and "every time you do a read, we must first empty (commit) the write cache"; the flush() reference. The exact set of calls that commit is unverified: every Sheets round trip that is not a queued write commits here.',
    confidence: 'reported',
    testedIn: ['test/emulator/write-queue.test.ts', 'test/gas/managed-scoring.test.ts'],
  },
  conditionalFormatFormulas: {
    models:
      "A conditional-format rule's ranges move and grow with inserted or deleted rows and columns; its custom formula keeps the text it was written with (the emulator rewrites no formula, so colours would follow the old column until the add-on rewrites its rules).",
    evidence:
      'Sheets adjusts references in cell formulas when columns are inserted (documented UI behaviour); whether a conditional-format formula read back through Apps Script is adjusted too is unverified. docs/emulator.md lists it among the known differences; Run diagnostics checks it.',
    confidence: 'unverified',
    testedIn: ['test/gas/diagnostics.test.ts', 'test/gas/diagnostics-expectations.test.ts'],
  },
  customFunctionCells: {
    models:
      "A formula calling the add-on's custom function is computed by Sheets, which passes each range argument's values as getValues reads them (numbers, booleans, Dates, '' for blanks) in AuthMode.CUSTOM_FUNCTION; INDEX over its array result reads one cell; a function that throws reads #ERROR! through getValues. The emulator computes no formula by default (#NAME?): tests that need custom-function cells pass test/support/custom-function-cells.ts as evaluateFormula.",
    evidence:
      'Custom functions guide ("Data types": ranges arrive as two-dimensional arrays, dates as Date objects; a thrown error shows in the cell). That getValues reads the error as the string "#ERROR!" is unverified.',
    confidence: 'reported',
    testedIn: ['test/gas/diagnostics.test.ts', 'test/functions/lead-score-bundle.test.ts'],
  },
  costModel: {
    models:
      'Modelled time = round trips x per-call + cells read x per-cell + cells written x per-cell + flushes x per-flush, at low, central and high constants (docs/emulator.md). Calls not classified as getters or builders are round trips.',
    evidence:
      'Published measurements, each cited in docs/emulator.md; old or small samples, hence three sets.',
    confidence: 'reported',
    testedIn: ['test/emulator/call-log.test.ts'],
  },
} as const satisfies Record<string, Behaviour>;

export type BehaviourId = keyof typeof BEHAVIOURS;

/** `[label, options]` pairs for describe.each / it.each; a behaviour without variants gives its one default. */
export function variantsOf(id: BehaviourId): [string, Partial<EmulatorOptions>][] {
  const behaviour: Behaviour = BEHAVIOURS[id];
  if (behaviour.variants === undefined) return [['as modelled', {}]];
  return Object.entries(behaviour.variants).map(([label, options]) => [label, { ...options }]);
}

/** Every combination of the variants of several behaviours, labelled "a, b". */
export function variantMatrix(...ids: BehaviourId[]): [string, Partial<EmulatorOptions>][] {
  let combos: [string, Partial<EmulatorOptions>][] = [['', {}]];
  for (const id of ids) {
    const next: [string, Partial<EmulatorOptions>][] = [];
    for (const [label, options] of combos)
      for (const [variant, more] of variantsOf(id))
        next.push([label === '' ? variant : `${label}, ${variant}`, { ...options, ...more }]);
    combos = next;
  }
  return combos;
}
