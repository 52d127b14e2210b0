// Loads a model for the CLI from a JSON file or a template id, validated with the engine's messages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ScoringModel } from '../engine/model';
import { findTemplate, TEMPLATES } from '../engine/templates';
import { describeIssues, validateModel } from '../engine/validate';
import { InputError } from './csv-io';

/** Edits (insert, delete, substitute, swap two neighbours) between two strings: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number) => distance[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1])
        best = Math.min(best, at(row - 2, column - 2) + 1);
      const line = distance[row];
      if (line) line[column] = best;
    }
  }
  return at(a.length, b.length);
}

/** The template id closest to `text`, when it is close enough to be a typo (or `text` is part of it). */
export function closestTemplateId(text: string): string | null {
  const typed = text.trim().toLowerCase();
  if (typed === '') return null;
  let best: { id: string; distance: number } | null = null;
  for (const { id } of TEMPLATES) {
    const distance = id.includes(typed) || typed.includes(id) ? 1 : editDistance(typed, id);
    if (!best || distance < best.distance) best = { id, distance };
  }
  if (!best) return null;
  return best.distance <= Math.max(2, Math.floor(best.id.length / 3)) ? best.id : null;
}

/** Line and column (1-based) of a character offset in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function parseErrorMessage(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** "Unexpected token ','" from V8's `Unexpected token ',', ..."x": [1,," is not valid JSON`. */
function withoutSnippet(message: string): string {
  return message.replace(/,\s*(?:\.\.\.)?".*$/s, '');
}

/**
 * The offset of the character V8 stopped at when its message does not say: the shortest prefix of `text`
 * that fails with the same message ends with it (shorter prefixes fail differently, at their end).
 */
function offendingOffset(text: string, kind: string): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const message = parseErrorMessage(text.slice(0, middle));
    if (message !== null && withoutSnippet(message) === kind) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

/**
 * JSON.parse's message with where it happened as line and column. V8 names a character offset ("at position
 * 31", Node 20) or a line and column (Node 22), or neither for an unexpected token (found by bisection), and
 * the end of the text for a file that stops early.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  let where: { line: number; column: number };
  if (lineColumn) where = { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  else if (position) where = lineAndColumn(text, Number(position[1]));
  else if (/end of (JSON )?input/i.test(message)) where = lineAndColumn(text, text.length);
  else where = lineAndColumn(text, offendingOffset(text, withoutSnippet(message)));
  const reason = withoutSnippet(message)
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*at position \d+/, '')
    .replace(/\s*in JSON$/, '');
  return `line ${where.line}, column ${where.column}: ${reason}`;
}

function looksLikePath(source: string): boolean {
  return /[/\\]/.test(source) || /\.json$/i.test(source);
}

export function loadModel(source: string): ScoringModel {
  if (!existsSync(source)) {
    const template = findTemplate(source);
    if (template) return template.model;
    const ids = TEMPLATES.map((entry) => entry.id).join(', ');
    if (looksLikePath(source)) throw new InputError(`${source}: no such model file (templates: ${ids})`);
    const closest = closestTemplateId(source);
    throw new InputError(
      `'${source}' is not a template id or a model file${closest ? `: did you mean '${closest}'?` : ''} (templates: ${ids})`,
    );
  }
  if (statSync(source).isDirectory()) throw new InputError(`${source} is a folder, not a model file`);
  // Editors on Windows may save JSON with a byte-order mark, which JSON.parse does not accept.
  const text = readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${basename(source)}: not valid JSON, ${describeJsonError(text, error)}`);
  }
  const result = validateModel(json);
  if (!result.ok)
    throw new InputError(`${basename(source)} is not a valid model:\n${describeIssues(result.issues)}`);
  return result.model;
}
