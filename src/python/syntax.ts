/** Questions about Python syntax trees that fact extraction asks, independent of any one file's facts. */
import type { LiteNode as Node } from './lite-tree.js';

/** How deep extraction follows nested code. */
export const MAX_NESTING = 400;

/** The module name of a file path relative to a root: `pkg/data/__init__.py` -> `pkg.data`. */
export function moduleNameOf(relativePath: string): string {
  const parts = relativePath.replace(/\\/g, '/').replace(/\.(py|ipynb)$/, '').split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.filter((part) => part && part !== '.').join('.');
}

export function resolveRelative(module: string, isPackage: boolean, level: number, target: string): string {
  const parts = module ? module.split('.') : [];
  const packageParts = isPackage ? parts : parts.slice(0, -1);
  const base = packageParts.slice(0, Math.max(0, packageParts.length - (level - 1)));
  return [...base, ...(target ? [target] : [])].join('.');
}

export function joinName(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

export function isImportStatement(node: Node): boolean {
  return node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement';
}

/** `try: import x / except ImportError: ...` and `if TYPE_CHECKING: import x` belong to the import block. */
export function isGuardedImportBlock(node: Node): boolean {
  if (node.type !== 'try_statement' && node.type !== 'if_statement') return false;
  const blocks = blocksOf(node);
  return blocks.length > 0 && blocks.every((block) => block.namedChildren.every((child) => !child || isImportStatement(child) || child.type === 'pass_statement' || child.type === 'comment' || (child.type === 'expression_statement' && child.text.startsWith('raise'))));
}

export function blocksOf(statement: Node): Node[] {
  const blocks: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'block') blocks.push(child);
      else if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause', 'except_group_clause'].includes(child.type)) visit(child);
    }
  };
  visit(statement);
  return blocks;
}

export interface Parameters {
  names: string[];
  star: string | null;
  keywords: string | null;
}

export function parametersOf(parameters: Node | null): Parameters {
  const result: Parameters = { names: [], star: null, keywords: null };
  for (const parameter of parameters?.namedChildren ?? []) {
    if (!parameter) continue;
    let name: string | null = null;
    if (parameter.type === 'identifier') name = parameter.text;
    else {
      const inner = parameter.childForFieldName('name') ?? parameter.namedChildren.find((child) => child?.type === 'identifier');
      if (inner?.type === 'identifier') name = inner.text;
    }
    if (!name) continue;
    result.names.push(name);
    if (parameter.type === 'list_splat_pattern') result.star = name;
    if (parameter.type === 'dictionary_splat_pattern') result.keywords = name;
  }
  return result;
}

/** Identifiers bound by an assignment's targets. */
export function assignedNames(assignment: Node): string[] {
  const names: string[] = [];
  const collect = (target: Node | null) => {
    if (!target) return;
    if (target.type === 'identifier') names.push(target.text);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression', 'tuple', 'list'].includes(target.type)) {
      for (const child of target.namedChildren) collect(child);
    }
  };
  let current: Node | null = assignment;
  while (current && (current.type === 'assignment' || current.type === 'augmented_assignment')) {
    collect(current.childForFieldName('left'));
    const right: Node | null = current.childForFieldName('right');
    current = right?.type === 'assignment' ? right : null;
  }
  return names;
}

/** Names local to a function body: assigned, imported, defined, or loop targets, minus `global`/`nonlocal` ones. */
export function localNamesOf(body: Node): Set<string> {
  const locals = new Set<string>();
  const globals = new Set<string>();
  const visit = (node: Node, depth = 0) => {
    if (depth >= MAX_NESTING) return;
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text;
        if (name) locals.add(name);
        return;
      }
      case 'lambda':
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const child of node.namedChildren) if (child?.type === 'identifier') globals.add(child.text);
        return;
      case 'assignment':
      case 'augmented_assignment':
        for (const name of assignedNames(node)) locals.add(name);
        break;
      case 'named_expression': {
        const name = node.childForFieldName('name')?.text;
        if (name) locals.add(name);
        break;
      }
      case 'for_statement':
      case 'for_in_clause': {
        collectTargets(node.childForFieldName('left'), locals);
        break;
      }
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        collectTargets(alias, locals);
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        // A name a function imports is read through the import (facts.ts records it), not as a local of unknown value.
        return;
      default:
        break;
    }
    for (const child of node.namedChildren) if (child) visit(child, depth + 1);
  };
  visit(body);
  for (const name of globals) locals.delete(name);
  return locals;
}

export function collectTargets(target: Node | null, into: Set<string>): void {
  if (!target) return;
  if (target.type === 'identifier') into.add(target.text);
  for (const child of target.namedChildren) if (child && child.type !== 'attribute' && child.type !== 'subscript') collectTargets(child, into);
}

export function bodyInsertionOf(definition: Node, body: Node, source: string): { offset: number; indent: string } | null {
  const statements = body.namedChildren.filter((node): node is Node => node !== null && node.type !== 'comment');
  if (statements.length === 0) return null;
  let first = statements[0];
  // A one-line body (`def f(self): return x`) has no line of its own to insert before.
  if (first.startPosition.row === definition.startPosition.row) return null;
  if (first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string') {
    if (statements.length < 2) return null;
    first = statements[1];
  }
  const lineStart = first.startIndex - first.startPosition.column;
  const indent = source.slice(lineStart, first.startIndex);
  if (!/^[ \t]*$/.test(indent)) return null;
  return { offset: lineStart, indent };
}

/** Whether a function body yields (not counting functions and lambdas nested in it). */
export function yields(body: Node): boolean {
  const visit = (node: Node, depth: number): boolean => {
    if (depth >= MAX_NESTING) return false;
    if (node.type === 'yield') return true;
    if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
    return node.namedChildren.some((child) => child !== null && visit(child, depth + 1));
  };
  return visit(body, 0);
}
