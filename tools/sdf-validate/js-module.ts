import * as acorn from 'acorn';

/** What the validation needs to know about a built AMD script file. */
export interface ScriptFacts {
  /** `@tag value` pairs of the JSDoc comments before the first `define(` call. */
  headerTags: Map<string, string>;
  /** Number of real `define(...)` calls (strings and comments do not count). */
  defineCalls: number;
  /** Names the module exports, TypeScript-AMD style or as a returned object literal. */
  exported: Set<string>;
}

export type AnalyzedScript = { ok: true; facts: ScriptFacts } | { ok: false; error: string };

type Node = acorn.Node & Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Visits every node of the tree, parents before children. */
function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) {
      walk(value, visit);
    }
  }
}

function identifierName(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return undefined;
}

/** `exports.x` or `exports['x']` -> "x". */
function exportsMember(node: unknown): string | undefined {
  if (!isNode(node) || node.type !== 'MemberExpression') return undefined;
  if (!isNode(node.object) || node.object.type !== 'Identifier' || node.object.name !== 'exports')
    return undefined;
  const property = node.property as Node;
  if (node.computed) return property.type === 'Literal' ? identifierName(property) : undefined;
  return property.type === 'Identifier' ? identifierName(property) : undefined;
}

/** The value finally assigned by `a = b = value`. */
function assignedValue(node: Node): Node {
  let value = node.right as Node;
  while (value.type === 'AssignmentExpression') value = value.right as Node;
  return value;
}

function isVoid(node: Node): boolean {
  return node.type === 'UnaryExpression' && node.operator === 'void';
}

function collectExports(program: Node, defineCall: Node | undefined): Set<string> {
  const exported = new Set<string>();
  walk(program, (node) => {
    // TypeScript AMD output: `exports.x = x;` (`exports.x = void 0;` only declares it). The walk reaches each
    // assignment of a chain `exports.a = exports.b = value` separately.
    if (node.type === 'AssignmentExpression') {
      const name = exportsMember(node.left);
      if (name !== undefined && !isVoid(assignedValue(node))) exported.add(name);
    }
    // `Object.defineProperty(exports, 'x', { get: … })`, as TypeScript writes re-exports.
    if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      const args = node.arguments as Node[];
      if (
        callee.type === 'MemberExpression' &&
        identifierName(callee.object) === 'Object' &&
        identifierName(callee.property) === 'defineProperty' &&
        args[0]?.type === 'Identifier' &&
        identifierName(args[0]) === 'exports'
      ) {
        const name = isNode(args[1]) && args[1].type === 'Literal' ? identifierName(args[1]) : undefined;
        if (name !== undefined && name !== '__esModule') exported.add(name);
      }
    }
  });
  // Hand-written AMD: the factory returns an object literal of entry points.
  const factory = defineCall ? (defineCall.arguments as Node[]).at(-1) : undefined;
  if (factory && (factory.type === 'FunctionExpression' || factory.type === 'ArrowFunctionExpression')) {
    const body = factory.body as Node;
    const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [];
    const returned =
      body.type === 'ObjectExpression' ? [body] : statements.filter((s) => s.type === 'ReturnStatement');
    for (const statement of returned) {
      const value = statement.type === 'ReturnStatement' ? (statement.argument as Node | null) : statement;
      if (!value || value.type !== 'ObjectExpression') continue;
      for (const property of value.properties as Node[]) {
        const name = property.type === 'Property' ? identifierName(property.key) : undefined;
        if (name !== undefined) exported.add(name);
      }
    }
  }
  return exported;
}

/** Parses a built script with acorn and reads its header, its define calls and its exports. */
export function analyzeScript(source: string): AnalyzedScript {
  const comments: Array<{ block: boolean; text: string; start: number }> = [];
  let program: Node;
  try {
    program = acorn.parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowHashBang: true,
      onComment: (block, text, start) => comments.push({ block, text, start }),
    }) as unknown as Node;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const defineCalls: Node[] = [];
  walk(program, (node) => {
    const callee = node.callee as Node | undefined;
    if (node.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'define') {
      defineCalls.push(node);
    }
  });
  const firstDefine = defineCalls.reduce<Node | undefined>(
    (first, call) => (first === undefined || call.start < first.start ? call : first),
    undefined,
  );
  const headerEnd = firstDefine?.start ?? source.length;
  const headerTags = new Map<string, string>();
  for (const comment of comments) {
    if (!comment.block || !comment.text.startsWith('*') || comment.start >= headerEnd) continue;
    for (const match of comment.text.matchAll(/@(N\w+)[ \t]+([^\s*]+)/g)) {
      if (match[1] !== undefined && match[2] !== undefined && !headerTags.has(match[1])) {
        headerTags.set(match[1], match[2]);
      }
    }
  }
  return {
    ok: true,
    facts: { headerTags, defineCalls: defineCalls.length, exported: collectExports(program, firstDefine) },
  };
}
