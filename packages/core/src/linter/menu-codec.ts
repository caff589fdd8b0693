/**
 * Menus (items, property values, spans) as one string and one Int32Array, for posting between
 * threads. Structured clone of the objects themselves cost ~3 ms per 50 KB router on each side (a
 * property value is four objects) and of a string table ~0.5 ms; this costs a fraction, and the
 * numbers transfer without a copy. Distinct strings are concatenated, their lengths lead the
 * numbers. Offsets fit in 32 bits: a JavaScript string cannot hold 2 GiB of text.
 */
import type { Span } from '@roslint/parser';
import type { Item, Menu, PropertyValue } from '../model/types.js';

export interface EncodedMenus {
  /** Every distinct string, concatenated. */
  text: string;
  /** Count of strings, their lengths, then the menus. */
  numbers: Int32Array;
}

const ITEM_UNCERTAIN = 1;
const ITEM_IMPLICIT = 2;
const ITEM_HAS_REMOVED = 4;
const ITEM_REMOVED = 8;
const VALUE_NEGATED = 1;
const VALUE_DYNAMIC = 2;
const VALUE_UNCERTAIN = 4;
const NO_REMOVED_LIST = -1;

export function encodeMenus(menus: readonly Menu[]): EncodedMenus {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const str = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      ids.set(s, id);
    }
    return id;
  };
  const n: number[] = [menus.length];
  const item = (it: Item): void => {
    const flags =
      (it.uncertain ? ITEM_UNCERTAIN : 0) |
      (it.implicit ? ITEM_IMPLICIT : 0) |
      (it.removed !== undefined ? ITEM_HAS_REMOVED : 0) |
      (it.removed ? ITEM_REMOVED : 0);
    n.push(it.id, str(it.menu), it.span.start, it.span.end, flags, it.touchedBy.length);
    for (const s of it.touchedBy) n.push(s.start, s.end);
    n.push(it.props.size);
    for (const [name, v] of it.props) {
      const vf = (v.negated ? VALUE_NEGATED : 0) | (v.dynamic ? VALUE_DYNAMIC : 0) | (v.uncertain ? VALUE_UNCERTAIN : 0);
      n.push(str(name), str(v.text), vf, v.span.start, v.span.end, v.nameSpan.start, v.nameSpan.end, v.statementSpan.start, v.statementSpan.end);
    }
  };
  for (const menu of menus) {
    n.push(str(menu.path), menu.items.length, menu.removed ? menu.removed.length : NO_REMOVED_LIST);
    for (const it of menu.items) item(it);
    for (const it of menu.removed ?? []) item(it);
  }
  const numbers = new Int32Array(1 + strings.length + n.length);
  numbers[0] = strings.length;
  for (let i = 0; i < strings.length; i++) numbers[1 + i] = strings[i]!.length;
  numbers.set(n, 1 + strings.length);
  return { text: strings.join(''), numbers };
}

export function decodeMenus(encoded: EncodedMenus): Menu[] {
  const { text, numbers: n } = encoded;
  const s: string[] = new Array(n[0]!);
  let p = 1;
  for (let i = 0, at = 0; i < s.length; i++) {
    const len = n[p++]!;
    s[i] = text.slice(at, at + len);
    at += len;
  }
  const span = (): Span => ({ start: n[p++]!, end: n[p++]! });
  const item = (): Item => {
    const id = n[p++]!;
    const menu = s[n[p++]!]!;
    const itemSpan = span();
    const flags = n[p++]!;
    const touchedBy: Span[] = new Array(n[p++]!);
    for (let i = 0; i < touchedBy.length; i++) touchedBy[i] = span();
    const props = new Map<string, PropertyValue>();
    let lastStatement = itemSpan;
    for (let count = n[p++]!; count > 0; count--) {
      const name = s[n[p++]!]!;
      const text = s[n[p++]!]!;
      const vf = n[p++]!;
      const valueSpan = span();
      const nameSpan = span();
      const a = n[p++]!;
      const b = n[p++]!;
      // The model shares one statement span among an item and its values; so does this.
      if (lastStatement.start !== a || lastStatement.end !== b) lastStatement = itemSpan.start === a && itemSpan.end === b ? itemSpan : { start: a, end: b };
      props.set(name, {
        text,
        negated: (vf & VALUE_NEGATED) !== 0,
        dynamic: (vf & VALUE_DYNAMIC) !== 0,
        uncertain: (vf & VALUE_UNCERTAIN) !== 0,
        span: valueSpan,
        nameSpan,
        statementSpan: lastStatement,
      });
    }
    const out: Item = {
      id,
      menu,
      props,
      span: itemSpan,
      touchedBy,
      uncertain: (flags & ITEM_UNCERTAIN) !== 0,
      implicit: (flags & ITEM_IMPLICIT) !== 0,
    };
    if (flags & ITEM_HAS_REMOVED) out.removed = (flags & ITEM_REMOVED) !== 0;
    return out;
  };
  const menus: Menu[] = [];
  for (let m = n[p++]!; m > 0; m--) {
    const path = s[n[p++]!]!;
    const itemCount = n[p++]!;
    const removedCount = n[p++]!;
    const items: Item[] = new Array(itemCount);
    for (let i = 0; i < itemCount; i++) items[i] = item();
    const menu: Menu = { path, items };
    if (removedCount !== NO_REMOVED_LIST) {
      const removed: Item[] = new Array(removedCount);
      for (let i = 0; i < removedCount; i++) removed[i] = item();
      menu.removed = removed;
    }
    menus.push(menu);
  }
  return menus;
}
