// Probe: how long getValues and setValues take on a block sized to the spreadsheet's free cells, per call and per cell.
import { SPREADSHEET_LIMIT, TIMING } from './expectations';
import { usedCells } from './new-sheet-probe';
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
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const BEHAVIOUR = 'costModel';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timed(action: () => void): number {
  const start = Date.now();
  action();
  return Date.now() - start;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

interface Figures {
  perCallMs: number;
  perCellMs: number;
  blockMs: number;
}

/** Per call: the median single-cell call; per cell: what the block cost beyond one call, per further cell. */
function figures(singleCallMs: number[], blockMs: number, cells: number): Figures {
  const perCallMs = median(singleCallMs);
  return { perCallMs, perCellMs: Math.max(0, (blockMs - perCallMs) / (cells - 1)), blockMs };
}

function verdict(
  spec: ProbeSpec,
  what: string,
  measured: Figures,
  callBound: number,
  cellBound: number,
  cells: number,
): ProbeResult {
  const within = measured.perCallMs <= callBound && measured.perCellMs <= cellBound;
  return judged(
    spec,
    `${what}: ${round(measured.perCallMs, 1)} ms per call, ${round(measured.perCellMs, 5)} ms per cell (${cells} cells in ${measured.blockMs} ms)`,
    within,
    {
      measured: {
        cells,
        perCallMs: round(measured.perCallMs, 2),
        perCellMs: round(measured.perCellMs, 6),
        blockMs: measured.blockMs,
      },
    },
  );
}

/** [getValues, setValues + flush], as probeTiming returns them. */
export function timingSpecs(run: RunName): [ProbeSpec, ProbeSpec] {
  const { bound, central } = TIMING;
  const readSpec: ProbeSpec = {
    probe: 'timing/get-values',
    behaviour: BEHAVIOUR,
    run,
    modelled: `getValues: at most ${bound.roundTripMs} ms per call and ${bound.cellReadMs} ms per cell read (high constants; central ${central.roundTripMs} ms and ${central.cellReadMs} ms)`,
  };
  const writeSpec: ProbeSpec = {
    probe: 'timing/set-values-and-flush',
    behaviour: BEHAVIOUR,
    run,
    modelled: `setValues + flush: at most ${bound.roundTripMs + bound.flushMs} ms per call and ${bound.cellWrittenMs} ms per cell written (high constants; central ${central.roundTripMs + central.flushMs} ms and ${central.cellWrittenMs} ms)`,
  };
  return [readSpec, writeSpec];
}

/**
 * Times single-cell and block writes (each with its flush) and reads on the scratch sheet. Real Sheets is "as
 * modelled" while every figure stays within the cost table's high constants: the budgets assume no worse.
 */
export function probeTiming(spreadsheet: Spreadsheet, sheet: Sheet, run: RunName): ProbeResult[] {
  const { bound } = TIMING;
  const [readSpec, writeSpec] = timingSpecs(run);
  const free = SPREADSHEET_LIMIT.cells - usedCells(spreadsheet);
  const cells = Math.min(TIMING.targetCells, free - TIMING.reserveCells);
  const rows = Math.floor(cells / TIMING.columns);
  if (rows * TIMING.columns < TIMING.minimumCells) {
    const reason = `the spreadsheet has room for only ${free} more cells before its 10,000,000-cell limit`;
    return [notTestable(readSpec, reason), notTestable(writeSpec, reason)];
  }
  const blockCells = rows * TIMING.columns;
  let prepared: string | null = null;
  try {
    // Rows below the block hold the single-cell samples.
    const needed = rows + TIMING.samples;
    const maxRows = sheet.getMaxRows();
    if (maxRows < needed) sheet.insertRowsAfter(maxRows, needed - maxRows);
    SpreadsheetApp.flush();
  } catch (error) {
    prepared = messageOf(error);
  }
  if (prepared !== null) {
    const observed = `making room for the block threw: ${prepared}`;
    return [judged(readSpec, observed, false), judged(writeSpec, observed, false)];
  }
  const block = sheet.getRange(1, 1, rows, TIMING.columns);
  const grid = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: TIMING.columns }, (_, c) => r * TIMING.columns + c),
  );
  const write = guarded(writeSpec, () => {
    const single: number[] = [];
    for (let i = 0; i < TIMING.samples; i++) {
      const cell = sheet.getRange(rows + 1 + i, 1);
      single.push(
        timed(() => {
          cell.setValues([[i]]);
          SpreadsheetApp.flush();
        }),
      );
    }
    const blockMs = timed(() => {
      block.setValues(grid);
      SpreadsheetApp.flush();
    });
    const measured = figures(single, blockMs, blockCells);
    return verdict(
      writeSpec,
      'setValues + flush',
      measured,
      bound.roundTripMs + bound.flushMs,
      bound.cellWrittenMs,
      blockCells,
    );
  });
  const read = guarded(readSpec, () => {
    const single: number[] = [];
    for (let i = 0; i < TIMING.samples; i++) {
      const cell = sheet.getRange(rows + 1 + i, 2);
      single.push(timed(() => cell.getValues()));
    }
    const blockMs = timed(() => block.getValues());
    const measured = figures(single, blockMs, blockCells);
    return verdict(readSpec, 'getValues', measured, bound.roundTripMs, bound.cellReadMs, blockCells);
  });
  return [read, write];
}
