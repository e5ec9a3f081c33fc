/**
 * Expressions as the value-flow analysis reads them (`Expr`): enough structure
 * to say what value an expression may evaluate to, built from the syntax tree
 * during fact extraction. Large expressions are cut off (`other`) so that facts
 * stay small, and a node asked for again (as a value, an argument, a callee)
 * gets the structure already built.
 */
import type { Expr, NameRef } from './fact-types.js';
import type { LiteNode as Node } from './lite-tree.js';
import { nameRef } from './name-ref.js';
import { MAX_NESTING } from './syntax.js';

/** How many nodes an expression keeps in facts: enough for any value a rule follows. */
const MAX_EXPR_NODES = 96;

/** `super().method` as the dotted name `super().method`, so the link phase can find the method. */
export function superCallee(node: Node): NameRef | null {
  if (node.type !== 'attribute') return null;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (object?.type !== 'call' || object.childForFieldName('function')?.text !== 'super' || !attribute) return null;
  return nameRef(`super().${attribute.text}`, node.startIndex, [object.endIndex, node.endIndex], null);
}

/** The structure of the expression at `node`; `refOf` gives the dotted name a node spells, if it is one. */
export function buildExpr(node: Node, refOf: (node: Node) => NameRef | null, memo: Map<Node, Expr>): Expr {
    let budget = MAX_EXPR_NODES;
    const build = (current: Node, depth: number): Expr => {
      // The same node is asked for as a value, an argument and a callee: its structure is built once and shared.
      const known = memo.get(current);
      if (known) return known;
      const built = buildNode(current, depth);
      if (built.k !== 'other') memo.set(current, built);
      return built;
    };
    const buildNode = (current: Node, depth: number): Expr => {
      if (--budget <= 0 || depth >= MAX_NESTING) return { k: 'other' };
      const ref = current.type === 'identifier' || current.type === 'attribute' ? refOf(current) : null;
      if (ref) return { k: 'ref', ref };
      const field = (name: string) => current.childForFieldName(name);
      const children = () => current.namedChildren.filter((child) => child.type !== 'comment');
      switch (current.type) {
        case 'parenthesized_expression':
        case 'await': {
          const inner = children()[0];
          return inner ? build(inner, depth + 1) : { k: 'other' };
        }
        case 'named_expression': {
          const value = field('value');
          return value ? build(value, depth + 1) : { k: 'other' };
        }
        case 'attribute': {
          const object = field('object');
          const attribute = field('attribute');
          if (!object || !attribute) return { k: 'other' };
          return { k: 'attr', object: build(object, depth + 1), name: attribute.text, start: current.startIndex, end: current.endIndex };
        }
        case 'call': {
          const callee = field('function');
          const argumentsNode = field('arguments');
          const args = [];
          if (argumentsNode?.type === 'argument_list') {
            for (const argument of argumentsNode.namedChildren) {
              if (argument.type === 'comment') continue;
              if (argument.type === 'keyword_argument') {
                const value = argument.childForFieldName('value');
                args.push({ keyword: argument.childForFieldName('name')?.text ?? null, splat: null, value: value ? build(value, depth + 1) : { k: 'other' as const } });
              } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
                const inner = argument.namedChildren[0];
                args.push({ keyword: null, splat: argument.type === 'list_splat' ? ('*' as const) : ('**' as const), value: inner ? build(inner, depth + 1) : { k: 'other' as const } });
              } else {
                args.push({ keyword: null, splat: null, value: build(argument, depth + 1) });
              }
            }
          } else if (argumentsNode) {
            args.push({ keyword: null, splat: null, value: build(argumentsNode, depth + 1) });
          }
          const calleeExpr: Expr = callee ? (superCallee(callee) ? { k: 'ref', ref: superCallee(callee)! } : build(callee, depth + 1)) : { k: 'other' };
          return { k: 'call', callee: calleeExpr, args: args.slice(), start: current.startIndex, end: current.endIndex };
        }
        case 'subscript': {
          const object = field('value');
          const key = field('subscript');
          return { k: 'sub', object: object ? build(object, depth + 1) : { k: 'other' }, key: key ? build(key, depth + 1) : { k: 'other' } };
        }
        case 'list':
        case 'tuple':
        case 'set':
        case 'expression_list':
          return { k: 'seq', items: children().map((child) => build(child, depth + 1)) };
        case 'list_splat':
        case 'dictionary_splat': {
          const inner = children()[0];
          return { k: 'star', value: inner ? build(inner, depth + 1) : { k: 'other' } };
        }
        case 'dictionary':
          return {
            k: 'dict',
            entries: children().map((child) => {
              if (child.type === 'pair') {
                const key = child.childForFieldName('key');
                const value = child.childForFieldName('value');
                return { key: key ? build(key, depth + 1) : { k: 'other' as const }, value: value ? build(value, depth + 1) : { k: 'other' as const } };
              }
              const inner = child.namedChildren[0];
              return { key: null, value: inner ? build(inner, depth + 1) : { k: 'other' as const } };
            }),
          };
        case 'conditional_expression': {
          const parts = children();
          return { k: 'either', options: [parts[0], parts[2]].filter((part): part is Node => part !== undefined).map((part) => build(part, depth + 1)) };
        }
        case 'boolean_operator': {
          const left = field('left');
          const right = field('right');
          return { k: 'either', options: [left, right].filter((part): part is Node => part !== null).map((part) => build(part, depth + 1)) };
        }
        case 'lambda':
          return { k: 'lambda', start: current.startIndex };
        case 'list_comprehension':
        case 'set_comprehension':
        case 'generator_expression':
        case 'dictionary_comprehension': {
          const body = field('body');
          const element = body?.type === 'pair' ? body.childForFieldName('value') : body;
          return { k: 'comp', element: element ? build(element, depth + 1) : { k: 'other' } };
        }
        case 'integer':
          return { k: 'lit', type: 'int', value: current.text };
        case 'float':
          return { k: 'lit', type: 'float', value: current.text };
        case 'true':
        case 'false':
          return { k: 'lit', type: 'bool', value: current.text };
        case 'none':
          return { k: 'lit', type: 'none', value: 'None' };
        case 'string': {
          const content = current.namedChildren.filter((child) => child.type === 'string_content');
          const interpolated = current.namedChildren.some((child) => child.type === 'interpolation');
          if (interpolated) return { k: 'op', operands: [] };
          return { k: 'lit', type: 'str', value: content.map((child) => child.text).join('') };
        }
        case 'binary_operator':
        case 'unary_operator':
        case 'comparison_operator':
        case 'not_operator':
        case 'concatenated_string':
          return { k: 'op', operands: children().map((child) => build(child, depth + 1)) };
        default:
          return { k: 'other' };
      }
    };
    return build(node, 0);
}
