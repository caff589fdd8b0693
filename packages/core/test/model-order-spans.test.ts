/**
 * Reordering (`place-before`, `move`) changes where an item sits in its menu, never where it came
 * from: every item keeps the span of the statement that created it and the spans of its values,
 * and `move` is recorded in `touchedBy` of the moved item only.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../src/model/index.js';
import { build, lineSpanOf, spanOf } from './model-helpers.js';

const FILTER = '/ip firewall filter\nadd chain=input action=accept comment=a\nadd chain=input action=drop comment=b\nadd chain=forward action=drop comment=c\n';

/** Per item in menu order: its comment, the text its span covers, its comment value's text and span, touchedBy texts. */
function spans(text: string, items: Item[]) {
  return items.map((i) => {
    const comment = i.props.get('comment')!;
    return {
      comment: comment.text,
      statement: text.slice(i.span.start, i.span.end),
      value: text.slice(comment.span.start, comment.span.end),
      valueSpan: comment.span,
      touchedBy: i.touchedBy.map((s) => text.slice(s.start, s.end)),
    };
  });
}

const line = (text: string, needle: string) => text.slice(lineSpanOf(text, needle).start, lineSpanOf(text, needle).end);

describe('source spans after reordering', () => {
  it('place-before=<number>: the inserted item and those it passes keep their own statements and value spans', () => {
    const text = FILTER + 'add chain=input action=accept comment=wg place-before=1\n';
    const got = spans(text, build(text).items('/ip/firewall/filter'));
    expect(got.map((g) => g.comment)).toEqual(['a', 'wg', 'b', 'c']);
    expect(got.map((g) => g.statement)).toEqual([
      line(text, 'comment=a'), line(text, 'comment=wg'), line(text, 'comment=b'), line(text, 'comment=c'),
    ]);
    expect(got.map((g) => g.valueSpan)).toEqual([valueOf(text, 'comment=a\n'), valueOf(text, 'comment=wg '), valueOf(text, 'comment=b\n'), valueOf(text, 'comment=c\n')]);
    expect(got.map((g) => g.value)).toEqual(['a', 'wg', 'b', 'c']);
    expect(got.every((g) => g.touchedBy.length === 0)).toBe(true);
  });

  it('place-before=[find …]: the new rule points at its own add, the target at its own', () => {
    const text = FILTER + 'add chain=forward action=accept comment=before-c place-before=[find comment=c]\n';
    const got = spans(text, build(text).items('/ip/firewall/filter'));
    expect(got.map((g) => [g.comment, g.statement])).toEqual([
      ['a', line(text, 'comment=a')],
      ['b', line(text, 'comment=b')],
      ['before-c', line(text, 'comment=before-c')],
      ['c', line(text, 'action=drop comment=c')],
    ]);
    expect(got[2]!.valueSpan).toEqual(valueOf(text, 'comment=before-c '));
    expect(got[3]!.valueSpan).toEqual(valueOf(text, 'comment=c\n'));
  });

  it('move: the moved item keeps its add span and records the move; the others are untouched', () => {
    const text = FILTER + 'move 2 destination=0\nmove [find comment=a]\n';
    const got = spans(text, build(text).items('/ip/firewall/filter'));
    expect(got.map((g) => g.comment)).toEqual(['c', 'b', 'a']);
    expect(got.map((g) => g.statement)).toEqual([line(text, 'comment=c'), line(text, 'comment=b'), line(text, 'comment=a')]);
    expect(got.map((g) => g.value)).toEqual(['c', 'b', 'a']);
    expect(got.map((g) => g.touchedBy)).toEqual([['move 2 destination=0'], [], ['move [find comment=a]']]);
  });
});

/** Span of the value in `comment=<value><terminator>` (the needle ends with one character after the value). */
function valueOf(text: string, needle: string): { start: number; end: number } {
  const at = spanOf(text, needle);
  return { start: at.start + 'comment='.length, end: at.end - 1 };
}
