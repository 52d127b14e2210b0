// An evaluateFormula for the emulator that computes custom-function cells as Sheets does (behaviours.ts,
// customFunctionCells): the bundle's function called in AuthMode.CUSTOM_FUNCTION with the ranges' values.
import type { Emulator } from '../emulator';
import type { FormulaEvaluator } from '../emulator/cell-value';
import { Sheet } from '../emulator/sheet';

/** What a cell reads when Sheets does not know a function. */
const UNKNOWN_NAME = '#NAME?';
/** What a cell reads when a custom function throws (unverified that getValues shows it so; behaviours.ts). */
const THROWN = '#ERROR!';

class CellError {
  constructor(readonly value: string) {}
}

type Node =
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'range'; a1: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number };

/** Parses the small formula language of the probes: calls, A1 ranges, "strings" and numbers. */
function parse(formula: string): Node | null {
  const text = formula.replace(/^=/, '');
  let at = 0;
  const skip = () => {
    while (text[at] === ' ') at++;
  };
  const node = (): Node | null => {
    skip();
    const rest = text.slice(at);
    const string = /^"((?:[^"]|"")*)"/.exec(rest);
    if (string) {
      at += string[0].length;
      return { kind: 'string', value: (string[1] ?? '').replace(/""/g, '"') };
    }
    const number = /^\d+(?:\.\d+)?/.exec(rest);
    if (number) {
      at += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    const range = /^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?(?![A-Za-z(])/.exec(rest);
    if (range) {
      at += range[0].length;
      return { kind: 'range', a1: range[0].replace(/\$/g, '') };
    }
    const name = /^([A-Za-z_][\w.]*)\(/.exec(rest);
    if (!name) return null;
    at += name[0].length;
    const args: Node[] = [];
    skip();
    if (text[at] === ')') {
      at++;
      return { kind: 'call', name: (name[1] ?? '').toUpperCase(), args };
    }
    for (;;) {
      const arg = node();
      if (arg === null) return null;
      args.push(arg);
      skip();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ')') {
        at++;
        return { kind: 'call', name: (name[1] ?? '').toUpperCase(), args };
      }
      return null;
    }
  };
  const root = node();
  skip();
  return root !== null && at === text.length ? root : null;
}

/**
 * Computes =LEADSCORE(...) and INDEX(LEADSCORE(...), row, column) cells with the attached bundle's functions.
 * Anything else reads #NAME? as with the default evaluator; spilling into neighbouring cells is not modelled
 * (INDEX reads one cell of the array). Create the emulator first, then pass `() => emulator`.
 */
export function customFunctionCells(emulatorOf: () => Emulator): FormulaEvaluator {
  return (formula, where) => {
    const emulator = emulatorOf();
    const sheetModel = emulator.model.sheetByName(where.sheet);
    const root = parse(formula);
    if (root === null || sheetModel === null) return UNKNOWN_NAME;
    const evaluate = (node: Node): unknown => {
      switch (node.kind) {
        case 'string':
        case 'number':
          return node.value;
        case 'range': {
          // Read as a collaborator: Sheets' own evaluation is not a call of the script.
          const values = emulator.asCollaborator(() =>
            new Sheet(emulator.context, sheetModel).getRange(node.a1).getValues(),
          );
          return values.length === 1 && values[0]?.length === 1 ? values[0][0] : values;
        }
        case 'call': {
          const args = node.args.map(evaluate);
          const failed = args.find((arg) => arg instanceof CellError);
          if (failed) return failed;
          if (node.name === 'INDEX') {
            const [array, row, column] = args as [unknown, number, number];
            if (!Array.isArray(array)) return row === 1 && column === 1 ? array : new CellError('#REF!');
            const cell = (array[row - 1] as unknown[] | undefined)?.[column - 1];
            return cell === undefined ? new CellError('#REF!') : cell;
          }
          const fn = emulator.bundle?.[node.name];
          if (typeof fn !== 'function') return new CellError(UNKNOWN_NAME);
          try {
            return emulator.run(() => (fn as (...a: unknown[]) => unknown)(...args), {
              authMode: 'CUSTOM_FUNCTION',
            });
          } catch {
            return new CellError(THROWN);
          }
        }
      }
    };
    const result = evaluate(root);
    if (result instanceof CellError) return result.value;
    // A whole array spills from the formula's cell: this cell shows its top-left value.
    return Array.isArray(result) ? (result[0] as unknown[] | undefined)?.[0] : result;
  };
}
