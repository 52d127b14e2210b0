// Probe: the 50,000-character cell limit, and where a refused write fails (at setValue, or at the flush that sends it).
import { CELL_LIMIT } from './expectations';
import {
  guarded,
  judged,
  messageOf,
  notTestable,
  type ProbeResult,
  type ProbeSpec,
  type RunName,
} from './probe-result';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Writes `text` and flushes; says which step threw, if any. */
function writeAndFlush(
  cell: Range,
  text: string,
): { failedAt: 'setValue' | 'flush' | null; message: string } {
  try {
    cell.setValue(text);
  } catch (error) {
    return { failedAt: 'setValue', message: messageOf(error) };
  }
  try {
    SpreadsheetApp.flush();
  } catch (error) {
    return { failedAt: 'flush', message: messageOf(error) };
  }
  return { failedAt: null, message: '' };
}

function lengthIn(cell: Range): number {
  return String(cell.getValue()).length;
}

/** [at limit, over limit, refused write fails at flush, collaborator edit], as probeCellLimit returns them. */
export function cellLimitSpecs(run: RunName): [ProbeSpec, ProbeSpec, ProbeSpec, ProbeSpec] {
  const limit = CELL_LIMIT.characters;
  const acceptedSpec: ProbeSpec = {
    probe: 'cell-limit/at-limit-accepted',
    behaviour: 'cellCharacterLimit',
    run,
    modelled: `a string of ${limit} characters is written and reads back whole`,
  };
  const refusedSpec: ProbeSpec = {
    probe: 'cell-limit/over-limit-refused',
    behaviour: 'cellCharacterLimit',
    run,
    modelled: `a string of ${limit + 1} characters is refused ("Your input contains more than the maximum of ${limit} characters in a single cell.")`,
  };
  const deferredSpec: ProbeSpec = {
    probe: 'deferred-writes/refused-write-fails-at-flush',
    behaviour: 'deferredWrites',
    run,
    modelled: `writes are queued: the refused write fails at the ${CELL_LIMIT.refusedAt} that sends it, not when setValue is called`,
  };
  const collaboratorSpec: ProbeSpec = {
    probe: 'deferred-writes/collaborator-edit-lands-first',
    behaviour: 'deferredWrites',
    run,
    modelled:
      "a collaborator's edit made between a write and its flush lands first, so the write lands shifted",
  };
  return [acceptedSpec, refusedSpec, deferredSpec, collaboratorSpec];
}

/**
 * Run last on the scratch sheet: a write Sheets refuses could, if Sheets kept it queued, fail later calls too.
 * `atLimit` and `overLimit` are two blank cells of the scratch sheet.
 */
export function probeCellLimit(atLimit: Range, overLimit: Range, run: RunName): ProbeResult[] {
  const limit = CELL_LIMIT.characters;
  const [acceptedSpec, refusedSpec, deferredSpec, collaboratorSpec] = cellLimitSpecs(run);
  // Whatever the add-on queued before must not be what fails.
  SpreadsheetApp.flush();
  const accepted = guarded(acceptedSpec, () => {
    const written = writeAndFlush(atLimit, 'x'.repeat(limit));
    if (written.failedAt !== null)
      return judged(acceptedSpec, `refused at ${written.failedAt}: ${written.message}`, false);
    const length = lengthIn(atLimit);
    return judged(acceptedSpec, `accepted; reads back ${length} characters`, length === limit);
  });
  const over = writeAndFlush(overLimit, 'x'.repeat(limit + 1));
  const refused = guarded(refusedSpec, () =>
    over.failedAt === null
      ? judged(refusedSpec, `accepted; the cell holds ${lengthIn(overLimit)} characters`, false)
      : judged(refusedSpec, `refused at ${over.failedAt}: ${over.message}`, true),
  );
  const deferred =
    over.failedAt === null
      ? notTestable(
          deferredSpec,
          'the over-limit write was accepted, so no write failed to show where it fails',
        )
      : judged(
          deferredSpec,
          `the refused write failed at ${over.failedAt}`,
          over.failedAt === CELL_LIMIT.refusedAt,
        );
  const collaborator = notTestable(
    collaboratorSpec,
    'needs a second person editing the sheet at the same moment; a script alone cannot see it',
  );
  return [accepted, refused, deferred, collaborator];
}
