// Probe: adding the scratch sheet, judged against the 10 million-cell limit (refused exactly when it would pass it).
import { SPREADSHEET_LIMIT } from './expectations';
import { createOwnedSheet } from './owned-sheets';
import {
  judged,
  messageOf,
  notTestable,
  type ProbeResult,
  type ProbeSpec,
  type RunName,
} from './probe-result';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Cells in the spreadsheet's grids, blank ones included: what the 10 million-cell limit counts. */
export function usedCells(spreadsheet: Spreadsheet): number {
  let used = 0;
  for (const sheet of spreadsheet.getSheets()) used += sheet.getMaxRows() * sheet.getMaxColumns();
  return used;
}

function newSheetSpec(run: RunName): ProbeSpec {
  const { cells, newSheetCells } = SPREADSHEET_LIMIT;
  return {
    probe: 'spreadsheet-cell-limit/new-sheet',
    behaviour: 'spreadsheetCellLimit',
    run,
    modelled: `adding a sheet (${newSheetCells} cells) is refused exactly when the spreadsheet would pass ${cells} cells ("This action would increase the number of cells in the workbook above the limit of ${cells} cells.")`,
  };
}

/** The scratch sheet, or null where Sheets refused it; and what that says about the cell limit. */
export function addScratchSheet(
  spreadsheet: Spreadsheet,
  run: RunName,
): { sheet: Sheet | null; result: ProbeResult } {
  const spec = newSheetSpec(run);
  const used = usedCells(spreadsheet);
  const over = used + SPREADSHEET_LIMIT.newSheetCells > SPREADSHEET_LIMIT.cells;
  let sheet: Sheet;
  try {
    sheet = createOwnedSheet(spreadsheet, 'scratch');
  } catch (error) {
    const observed = `refused with ${used} cells in use: ${messageOf(error)}`;
    return { sheet: null, result: judged(spec, observed, over) };
  }
  if (over) return { sheet, result: judged(spec, `added although ${used} cells were in use`, false) };
  return {
    sheet,
    result: {
      ...notTestable(
        spec,
        `${used} cells in use: the limit shows only when a change would pass ${SPREADSHEET_LIMIT.cells} cells, and diagnostics never fills a spreadsheet to find out`,
      ),
      observed: 'the sheet was added',
    },
  };
}
