import type { RouterRule } from '@roslint/core';
import type { Span } from '@roslint/parser';
import { KEY_KEYWORDS, prop as propText } from '@roslint/core';

const SECRET_PROP_LIST = ['private-key', 'preshared-key'];
const SECRET_PROPS = new Set(SECRET_PROP_LIST);

/**
 * Could this text be a real key? Base64 of 32 bytes (give or take a mistyped character), not one
 * character repeated. Placeholders (`xxxx…`, `PRIVATE_KEY_HERE`, `<server key>`, `AAAA…=`) are not
 * secrets; `wireguard/invalid-key` reports them.
 */
function couldBeKey(text: string): boolean {
  return /^[A-Za-z0-9+/]{42,44}={0,2}$/.test(text) && !/^(.)\1*=*$/.test(text);
}

/**
 * One report per file that contains private-key / preshared-key values. Every occurrence counts,
 * including values later overwritten and items that are disabled: the text is in the file either way.
 * The message counts them; it never shows a value.
 */
export const exposedSecret: RouterRule = {
  meta: {
    id: 'wireguard/exposed-secret',
    defaultSeverity: 'warning',
    summary: 'The file contains WireGuard private-key or preshared-key values',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const found = new Map<number, { span: Span; prop: string }>();
    const add = (prop: string, text: string | undefined, dynamic: boolean, span: Span | undefined) => {
      if (!span || dynamic || text === undefined || KEY_KEYWORDS.has(text) || !couldBeKey(text)) return;
      if (!found.has(span.start)) found.set(span.start, { span, prop });
    };
    // Names first: `args` (with spans) is built only for the few commands that set a key. The
    // model shares one name list among the commands that name the same arguments, so the answer
    // is kept per list (an export runs hundreds of thousands of commands over a few dozen lists).
    const namesSecret = new Map<readonly (string | null)[], boolean>();
    for (const cmd of ctx.config.commands) {
      const names = cmd.argNames;
      let secret = namesSecret.get(names);
      if (secret === undefined) namesSecret.set(names, (secret = names.some((name) => name !== null && SECRET_PROPS.has(name))));
      if (!secret) continue;
      for (const arg of cmd.args) {
        if (arg.name === null || !SECRET_PROPS.has(arg.name)) continue;
        // `$var` / `[...]` are references, not secrets.
        const raw = arg.valueSpan ? ctx.config.source.text.slice(arg.valueSpan.start, arg.valueSpan.end) : '';
        add(arg.name, arg.value, /^[$[(]/.test(raw), arg.valueSpan);
      }
    }
    // Items too, in case a value reached the model without a command record.
    for (const menu of ctx.config.menus.values()) {
      for (const item of menu.items) {
        for (const prop of SECRET_PROP_LIST) {
          // `propText` first: it answers without building a value, and almost no item has a key.
          if (propText(item, prop) === undefined) continue;
          const v = item.props.get(prop);
          if (v) add(prop, v.text, v.dynamic, v.span);
        }
      }
    }
    if (found.size === 0) return;
    const all = [...found.values()].sort((a, b) => a.span.start - b.span.start);
    const count = (p: string) => all.filter((s) => s.prop === p).length;
    const parts = [...SECRET_PROPS].filter((p) => count(p) > 0).map((p) => `${count(p)} ${p}`);
    ctx.report({
      span: all[0]!.span,
      message:
        `this file contains ${all.length} secret key value${all.length === 1 ? '' : 's'} (${parts.join(', ')}); ` +
        `anyone who reads it can impersonate this router or decrypt its tunnels. Export without show-sensitive, or keep the file private`,
      related: all.slice(1, 20).map((s) => ({ span: s.span, message: `another ${s.prop} value` })),
    });
  },
};
