/**
 * Jupyter notebooks as Python programs. The code cells, in order, form one
 * program; each cell after the first starts after a marker comment line, so
 * the program can be split back into cells after a fix. IPython magics and
 * shell escapes (`%matplotlib inline`, `!pip install x`, `?obj`) become marker
 * comments too, and are put back untouched. Writing changes only the `source`
 * of the code cells that changed, in place in the original JSON text, so
 * metadata, outputs, key order, indentation and the trailing newline stay as
 * they were.
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';

export class NotebookError extends Error {}

export interface NotebookCell {
  /** 1-based position among all cells of the notebook, as Jupyter shows them. */
  number: number;
  /** Where the cell's source sits in the program. */
  start: number;
  end: number;
  /** Where its `source` value sits in the notebook's JSON text. */
  sourceValue: { offset: number; length: number };
  /** Whether `source` is a list of lines (as Jupyter writes it) rather than one string. */
  sourceIsList: boolean;
  /** Whether the source ended with a newline (the program always gives each cell one). */
  endsWithNewline: boolean;
}

export interface NotebookLayout {
  json: string;
  cells: NotebookCell[];
  /** Marker comment (`# rng-fix magic 3.1`) -> the line of the magic it stands for. */
  magics: Map<string, string>;
}

const MARK = '\u2063rng-fix';
const CELL_MARKER = (number: number) => `# ${MARK} cell ${number}`;
const MAGIC_MARKER = (cell: number, line: number) => `# ${MARK} magic ${cell}.${line}`;
/** `files = !ls` or `out = %timeit -o f()`: a magic whose result a name is bound to. */
const MAGIC_ASSIGNMENT = /^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*[!%]/;
const MARKER_LINE = new RegExp(`^# ${MARK} (cell|magic) [\\d.]+$`);

/** Whether program text starts at a cell boundary: what follows belongs to the next cell. */
export function startsNextCell(text: string): boolean {
  return text.trimStart().startsWith(`# ${MARK} cell `);
}

/** `%magic`, `%%cell magic`, `!shell`, `?help`, `obj?`: IPython syntax, not Python. */
function isMagic(line: string): boolean {
  const trimmed = line.trimStart();
  return /^[%!?]/.test(trimmed) || /^[\w.]+\?\??\s*$/.test(trimmed);
}

/** Cell magics whose body is Python (`%%time`); any other cell magic makes the whole cell not Python. */
const PYTHON_CELL_MAGICS = /^%%(time|timeit|capture|prun)\b/;

function sourceText(node: JsonNode | undefined): { text: string; isList: boolean } {
  if (!node) return { text: '', isList: true };
  if (node.type === 'string') return { text: node.value as string, isList: false };
  if (node.type === 'array') return { text: (node.children ?? []).map((child) => String(child.value ?? '')).join(''), isList: true };
  throw new NotebookError('a cell source is neither a string nor a list of strings');
}

export function notebookToProgram(json: string): { program: string; layout: NotebookLayout } {
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) throw new NotebookError(`not valid notebook JSON (at offset ${errors[0]?.offset ?? 0})`);
  const cellsNode = findNodeAtLocation(root, ['cells']);
  if (!cellsNode || cellsNode.type !== 'array') throw new NotebookError('not a notebook: no "cells" list');
  const cells: NotebookCell[] = [];
  const magics = new Map<string, string>();
  let program = '';
  (cellsNode.children ?? []).forEach((cellNode, index) => {
    if (findNodeAtLocation(cellNode, ['cell_type'])?.value !== 'code') return;
    const sourceNode = findNodeAtLocation(cellNode, ['source']);
    const { text, isList } = sourceText(sourceNode);
    const number = index + 1;
    const lines = text.split('\n');
    const wholeCellMagic = /^%%/.test(lines[0] ?? '') && !PYTHON_CELL_MAGICS.test(lines[0]);
    // The indentation of a magic whose line ends in `\\`: IPython joins the next line to it (`!pip install \\` over `    numpy`).
    let continued: string | null = null;
    const masked = lines.map((line, lineIndex) => {
      const continuation = continued;
      continued = null;
      const assignment = wholeCellMagic || continuation !== null ? null : MAGIC_ASSIGNMENT.exec(line);
      if (!wholeCellMagic && continuation === null && !assignment && !isMagic(line)) return line;
      // A statement in the magic's place, so that a block holding only magics (`if x:` over `!pip install y`) still parses;
      // a cell magic's lines (a bash script) are not Python, and their markers start at the margin.
      const id = MAGIC_MARKER(number, lineIndex);
      magics.set(id, line);
      const indent = wholeCellMagic ? '' : (continuation ?? /^\s*/.exec(line)![0]);
      if (!wholeCellMagic && /\\\s*$/.test(line)) continued = indent;
      if (assignment) return `${assignment[1]}${assignment[2]} = None  ${id}`;
      return `${indent}pass  ${id}`;
    });
    if (cells.length > 0) program += `${CELL_MARKER(number)}\n`;
    const start = program.length;
    program += masked.join('\n');
    const end = program.length;
    if (!program.endsWith('\n')) program += '\n';
    cells.push({
      number,
      start,
      end,
      sourceValue: sourceNode ? { offset: sourceNode.offset, length: sourceNode.length } : { offset: -1, length: 0 },
      sourceIsList: isList,
      endsWithNewline: text.endsWith('\n'),
    });
  });
  return { program, layout: { json, cells, magics } };
}

/** The cell holding a program offset, and the line and column within the cell (1-based). */
export function locateInNotebook(layout: NotebookLayout, program: string, offset: number): { cell: number; line: number; column: number } {
  let cell = layout.cells[0];
  for (const candidate of layout.cells) if (candidate.start <= offset) cell = candidate;
  const before = program.slice(cell.start, Math.max(cell.start, offset));
  const lines = before.split('\n');
  return { cell: cell.number, line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The new source of every code cell, from a (fixed) program, with magics restored. */
export function cellSources(layout: NotebookLayout, program: string): string[] {
  const lines = program.split('\n');
  // Every cell's part of the program ends with a newline, so the last split piece is empty.
  if (lines[lines.length - 1] === '') lines.pop();
  const sources: string[][] = [[]];
  for (const line of lines) {
    if (MARKER_LINE.test(line) && line.startsWith(`# ${MARK} cell `)) sources.push([]);
    else sources[sources.length - 1].push(line);
  }
  if (sources.length !== layout.cells.length) throw new NotebookError('the fixed program no longer splits into the notebook cells');
  return sources.map((cellLines, index) => {
    const text = cellLines.join('\n') + (layout.cells[index].endsWithNewline ? '\n' : '');
    return text.replace(new RegExp(`^.*(# ${MARK} magic [\\d.]+)$`, 'gm'), (line, id: string) => layout.magics.get(id) ?? line);
  });
}

/** Serialises a cell source as Jupyter does: a list of lines, each with its newline, in the file's indentation. */
function serialiseSource(json: string, cell: NotebookCell, source: string): string {
  if (!cell.sourceIsList) return JSON.stringify(source);
  const lines = source.split(/(?<=\n)/).filter((line) => line !== '');
  if (lines.length === 0) return '[]';
  const original = json.slice(cell.sourceValue.offset, cell.sourceValue.offset + cell.sourceValue.length);
  const itemIndent = /\[\s*?\n([ \t]*)"/.exec(original)?.[1];
  if (itemIndent === undefined) return `[${lines.map((line) => JSON.stringify(line)).join(', ')}]`;
  const lineStart = json.lastIndexOf('\n', cell.sourceValue.offset) + 1;
  const closingIndent = /^[ \t]*/.exec(json.slice(lineStart))![0];
  const newline = json.includes('\r\n') ? '\r\n' : '\n';
  return `[${newline}${lines.map((line) => `${itemIndent}${JSON.stringify(line)}`).join(`,${newline}`)}${newline}${closingIndent}]`;
}

/** The notebook JSON with the sources of changed cells replaced, and nothing else touched. */
export function programToNotebook(layout: NotebookLayout, originalProgram: string, program: string): string {
  const before = cellSources(layout, originalProgram);
  const after = cellSources(layout, program);
  let json = layout.json;
  // From the last cell backwards, so earlier offsets stay valid.
  for (let index = layout.cells.length - 1; index >= 0; index--) {
    if (before[index] === after[index]) continue;
    const cell = layout.cells[index];
    if (cell.sourceValue.offset < 0) throw new NotebookError(`cell ${cell.number} has no source to change`);
    const replacement = serialiseSource(layout.json, cell, after[index]);
    json = json.slice(0, cell.sourceValue.offset) + replacement + json.slice(cell.sourceValue.offset + cell.sourceValue.length);
  }
  return json;
}
