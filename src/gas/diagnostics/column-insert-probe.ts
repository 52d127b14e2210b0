// Probe: one column inserted into the scratch sheet; does whole-column metadata move, does a rule's formula change?
import { COLUMN_INSERT, PROBE_METADATA_KEY } from './expectations';
import { locationOf } from './metadata-probe';
import {
  guarded,
  judged,
  messageOf,
  notTestable,
  type ProbeResult,
  type ProbeSpec,
  type RunName,
} from './probe-result';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

const MOVING_METADATA = 'moves-with-insert';

function ourRule(rules: Rule[]): Rule | undefined {
  return rules.find((rule) =>
    (rule.getBooleanCondition()?.getCriteriaValues() ?? []).some(
      (value) => typeof value === 'string' && value.includes(COLUMN_INSERT.rule.marker),
    ),
  );
}

function describeRule(rule: Rule | undefined): string {
  if (!rule) return 'the rule is gone';
  const ranges = rule
    .getRanges()
    .map((range) => range.getA1Notation())
    .join(', ');
  const formula = String(rule.getBooleanCondition()?.getCriteriaValues()[0] ?? '(no formula)');
  return `range ${ranges}, formula ${formula}`;
}

/** [metadata moves, rule formula], in the order probeColumnInsert returns them. */
export function columnInsertSpecs(run: RunName): [ProbeSpec, ProbeSpec] {
  const { insertColumnBefore: at, metadata, rule } = COLUMN_INSERT;
  return [
    {
      probe: 'developer-metadata/moves-with-inserted-column',
      behaviour: 'developerMetadataLocation',
      run,
      modelled: `metadata on ${metadata.a1} is on ${metadata.after} after a column is inserted before column ${at}`,
    },
    {
      probe: 'conditional-format/formula-after-column-insert',
      behaviour: 'conditionalFormatFormulas',
      run,
      modelled: `a rule on ${rule.range} with ${rule.formula}, after a column is inserted before column ${at}: range ${rule.rangeAfter}, formula ${rule.formulaAfter} (kept as written)`,
    },
  ];
}

export function probeColumnInsert(sheet: Sheet, run: RunName): ProbeResult[] {
  const { insertColumnBefore: at, metadata, rule } = COLUMN_INSERT;
  const [moveSpec, ruleSpec] = columnInsertSpecs(run);
  let metadataError: string | null = null;
  try {
    sheet
      .getRange(metadata.a1)
      .addDeveloperMetadata(
        PROBE_METADATA_KEY,
        MOVING_METADATA,
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      );
  } catch (error) {
    metadataError = messageOf(error);
  }
  let ruleError: string | null = null;
  try {
    const built = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(rule.formula)
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange(rule.range)])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), built]);
  } catch (error) {
    ruleError = messageOf(error);
  }
  try {
    sheet.insertColumnBefore(at);
  } catch (error) {
    const observed = `the column insert threw: ${messageOf(error)}`;
    return [judged(moveSpec, observed, false), judged(ruleSpec, observed, false)];
  }
  const moved =
    metadataError === null
      ? guarded(moveSpec, () => {
          const where = locationOf(sheet, MOVING_METADATA);
          return judged(moveSpec, `on ${where}`, where === `${metadata.after} (COLUMN)`);
        })
      : notTestable(moveSpec, `the whole-column metadata it follows was refused: ${metadataError}`);
  const ruled =
    ruleError === null
      ? guarded(ruleSpec, () => {
          const found = ourRule(sheet.getConditionalFormatRules());
          const observed = describeRule(found);
          return judged(
            ruleSpec,
            observed,
            observed === `range ${rule.rangeAfter}, formula ${rule.formulaAfter}`,
          );
        })
      : judged(ruleSpec, `setting the rule threw: ${ruleError}`, false);
  return [moved, ruled];
}
