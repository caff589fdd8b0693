/**
 * Visit every AST node under `root` (any node with a string `kind`), including scripts embedded in
 * strings, without knowing each node's fields: consumers that look for one kind of node anywhere
 * (secret values, statement spans) stay correct when node types gain fields. Iterative, so deep
 * nesting cannot overflow the stack. Order is unspecified.
 */
export type AnyNode = { kind: string; start?: number; end?: number; [key: string]: unknown };

export function forEachNode(root: unknown, visit: (node: AnyNode) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const cur = stack.pop();
    if (cur === null || typeof cur !== 'object') continue;
    if (Array.isArray(cur)) {
      for (const c of cur) stack.push(c);
      continue;
    }
    const obj = cur as Record<string, unknown>;
    if (typeof obj.kind === 'string') visit(obj as AnyNode);
    for (const key in obj) {
      const v = obj[key];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
}
