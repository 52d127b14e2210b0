// Probe: where developer metadata may go (a whole column or row in A1 form) and where it is refused.
import { METADATA_CASES, type MetadataCase, PROBE_METADATA_KEY } from './expectations';
import { guarded, judged, messageOf, type ProbeResult, type ProbeSpec, type RunName } from './probe-result';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

const BEHAVIOUR = 'developerMetadataLocation';

function targetRange(sheet: Sheet, entry: MetadataCase): Range {
  const target = entry.target;
  return target.kind === 'a1'
    ? sheet.getRange(target.a1)
    : sheet.getRange(1, target.column, sheet.getMaxRows(), 1);
}

function describeTarget(entry: MetadataCase): string {
  const target = entry.target;
  return target.kind === 'a1'
    ? `getRange('${target.a1}')`
    : `getRange(1, ${target.column}, getMaxRows(), 1) (a whole column by coordinates)`;
}

function modelledText(entry: MetadataCase): string {
  const outcome = entry.outcome;
  return outcome.accepted
    ? `metadata on ${describeTarget(entry)} is accepted and located on ${outcome.a1Notation} (${outcome.locationType})`
    : `metadata on ${describeTarget(entry)} is refused ("Adding developer metadata to arbitrary ranges is not currently supported...")`;
}

/** Where the metadata tagged `value` sits, as "G:G (COLUMN)". */
export function locationOf(sheet: Sheet, value: string): string {
  const found = sheet.createDeveloperMetadataFinder().withKey(PROBE_METADATA_KEY).withValue(value).find();
  const meta = found[0];
  if (!meta) return 'not found again';
  const location = meta.getLocation();
  const type = String(location.getLocationType());
  const range = type === 'ROW' ? location.getRow() : location.getColumn();
  return `${range ? range.getA1Notation() : '(no range)'} (${type})`;
}

function metadataSpec(entry: MetadataCase, run: RunName): ProbeSpec {
  return {
    probe: `developer-metadata/${entry.id}`,
    behaviour: BEHAVIOUR,
    run,
    modelled: modelledText(entry),
  };
}

export function metadataSpecs(run: RunName): ProbeSpec[] {
  return METADATA_CASES.map((entry) => metadataSpec(entry, run));
}

export function probeMetadata(sheet: Sheet, run: RunName): ProbeResult[] {
  return METADATA_CASES.map((entry) => {
    const spec = metadataSpec(entry, run);
    return guarded(spec, () => {
      const visibility = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
      try {
        targetRange(sheet, entry).addDeveloperMetadata(PROBE_METADATA_KEY, entry.id, visibility);
      } catch (error) {
        return judged(spec, `refused: ${messageOf(error)}`, !entry.outcome.accepted);
      }
      const where = locationOf(sheet, entry.id);
      const outcome = entry.outcome;
      return judged(
        spec,
        `accepted; located on ${where}`,
        outcome.accepted && where === `${outcome.a1Notation} (${outcome.locationType})`,
      );
    });
  });
}
