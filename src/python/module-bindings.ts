/**
 * A file's module-level names: what its imports bind (`np` -> `numpy`), and every
 * name bound at module level (defs, classes, assignments, imports, also under
 * `if` / `try`), and where added imports go.
 */
import type { FileFacts } from './fact-types.js';
import type { LiteNode as Node } from './lite-tree.js';
import { assignedNames, blocksOf, isGuardedImportBlock, isImportStatement, joinName, resolveRelative } from './syntax.js';

export class ModuleBindings {
  /** Local name -> fully qualified name it imports. */
  readonly imports = new Map<string, string>();
  readonly moduleNames = new Set<string>();

  constructor(
    private readonly facts: FileFacts,
    private readonly isPackage: boolean,
  ) {}

  collect(root: Node): void {
    for (const statement of root.namedChildren) {
      if (!statement) continue;
      this.collectBindingsOf(statement, true);
    }
  }

  private collectBindingsOf(statement: Node, topLevel: boolean): void {
    switch (statement.type) {
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.recordImport(statement, topLevel);
        return;
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        if (definition) this.collectBindingsOf(definition, topLevel);
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = statement.childForFieldName('name')?.text;
        if (name && topLevel) this.moduleNames.add(name);
        return;
      }
      case 'expression_statement':
        for (const child of statement.namedChildren) {
          if (child?.type === 'assignment' || child?.type === 'augmented_assignment') {
            for (const name of assignedNames(child)) if (topLevel) this.moduleNames.add(name);
          }
        }
        return;
      case 'if_statement':
      case 'try_statement':
      case 'with_statement':
      case 'for_statement':
      case 'while_statement':
        // Imports and definitions guarded by `if`/`try` still bind module names.
        for (const block of blocksOf(statement)) {
          for (const inner of block.namedChildren) if (inner) this.collectBindingsOf(inner, topLevel);
        }
        return;
      default:
        return;
    }
  }

  private recordImport(statement: Node, topLevel: boolean): void {
    if (topLevel && statement.parent?.type === 'module') this.recordImportStatement(statement);
    if (statement.type === 'import_from_statement' && statement.namedChildren.some((child) => child?.type === 'wildcard_import')) {
      const from = this.importedModule(statement);
      if (topLevel && from) this.facts.starImports.push(from);
      return;
    }
    for (const [local, qname] of this.bindingsOfImport(statement)) {
      this.imports.set(local, qname);
      this.facts.imports.push({ local, qname, topLevel });
      if (topLevel) this.moduleNames.add(local);
    }
  }

  /** The module a `from ... import` statement imports from, relative imports resolved. */
  private importedModule(statement: Node): string {
    const moduleNode = statement.childForFieldName('module_name');
    if (moduleNode?.type === 'relative_import') {
      const prefix = moduleNode.namedChildren.find((child) => child?.type === 'import_prefix')?.text ?? '.';
      const rest = moduleNode.namedChildren.find((child) => child?.type === 'dotted_name')?.text ?? '';
      return resolveRelative(this.facts.module, this.isPackage, prefix.length, rest.replace(/\s+/g, ''));
    }
    return moduleNode ? moduleNode.text.replace(/\s+/g, '') : '';
  }

  /** What an import statement binds: `[local name, qualified name]` pairs (none for a star import or `__future__`). */
  bindingsOfImport(statement: Node): [string, string][] {
    const pairs: [string, string][] = [];
    if (statement.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const dotted = name.childForFieldName('name')?.text.replace(/\s+/g, '') ?? '';
          const alias = name.childForFieldName('alias')?.text ?? '';
          pairs.push([alias, dotted]);
        } else {
          const dotted = name.text.replace(/\s+/g, '');
          const head = dotted.split('.')[0];
          pairs.push([head, head]);
        }
      }
      return pairs;
    }
    if (statement.type !== 'import_from_statement' || statement.namedChildren.some((child) => child?.type === 'wildcard_import')) return pairs;
    const fromModule = this.importedModule(statement);
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const imported = name.childForFieldName('name')?.text ?? '';
        const alias = name.childForFieldName('alias')?.text ?? imported;
        pairs.push([alias, joinName(fromModule, imported)]);
      } else {
        pairs.push([name.text, joinName(fromModule, name.text)]);
      }
    }
    return pairs;
  }

  private recordImportStatement(statement: Node): void {
    const names = statement.childrenForFieldName('name').filter((name): name is Node => name !== null);
    const plain = statement.type === 'import_statement';
    const moduleNode = plain ? (names[0]?.type === 'aliased_import' ? names[0].childForFieldName('name') : names[0]) : statement.childForFieldName('module_name');
    if (!moduleNode || names.length === 0 || moduleNode.type === 'relative_import') return;
    this.facts.importStatements.push({
      start: statement.startIndex,
      end: statement.endIndex,
      module: moduleNode.text.replace(/\s+/g, ''),
      plain,
      lineStart: statement.startIndex - statement.startPosition.column,
      lastNameEnd: names[names.length - 1].endIndex,
    });
  }

}

/** Where added imports go: after the leading comments, docstring and import block. */
export function findImportInsertion(root: Node): { offset: number; afterImport: boolean } {
  let offset = 0;
  let afterImport = false;
  let pastComments = false;
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'comment') {
      // Leading comments (shebang, licence header) stay above anything a fix adds.
      if (!pastComments) offset = statement.endIndex;
      continue;
    }
    // A `pass` at module level does nothing: it stands for a notebook's masked magic (`%matplotlib inline`).
    if (statement.type === 'pass_statement') continue;
    const isDocstring = statement.type === 'expression_statement' && statement.namedChildren[0]?.type === 'string';
    if (isDocstring && !pastComments) {
      offset = statement.endIndex;
    } else if (isImportStatement(statement) || isGuardedImportBlock(statement)) {
      offset = statement.endIndex;
      afterImport = true;
    } else {
      break;
    }
    pastComments = true;
  }
  return { offset, afterImport };
}
