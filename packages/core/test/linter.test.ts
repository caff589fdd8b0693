import { describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '@roslint/parser';
import { Linter } from '../src/linter/linter.js';
import type { Analysis, NetworkRule, ReportDescriptor, RouterRule, RouterRuleContext } from '../src/rule.js';
import type { RouterConfig } from '../src/model/types.js';

// The engine is tested on its own: a line-based parser and model stand in for the real ones.
vi.mock('@roslint/parser', async (importOriginal) => {
  const original = await importOriginal<typeof import('@roslint/parser')>();
  const { fakeParse } = await import('./linter-fakes.js');
  return { ...original, parse: fakeParse };
});
vi.mock('../src/model/evaluate.js', async () => {
  const { fakeBuildConfig, FakeConfigBuilder } = await import('./linter-fakes.js');
  return { buildConfig: fakeBuildConfig, ConfigBuilder: FakeConfigBuilder };
});

/** Reports every occurrence of `word` in the text outside comments. */
function wordRule(id: string, word: string, extra: (ctx: RouterRuleContext, at: number) => Partial<ReportDescriptor> = () => ({})): RouterRule {
  return {
    meta: { id, defaultSeverity: 'warning', summary: `finds ${word}`, fixable: false, scope: 'router' },
    check(ctx) {
      const text = ctx.config.source.text;
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
        if (ctx.config.comments.some((c) => i >= c.start && i < c.end)) continue;
        ctx.report({ span: { start: i, end: i + word.length }, message: `found ${word}`, ...extra(ctx, i) });
      }
    },
  };
}

const brief = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.line + 1}:${d.range.end.column + 1} ${d.severity} ${d.ruleId}`;

function lint(text: string, rules: (RouterRule | NetworkRule)[], severities?: Record<string, 'off' | 'info' | 'warning' | 'error'>) {
  return new Linter({ rules }).lintText(text, { file: 'r.rsc', severities });
}

describe('Linter: rules, severities, ordering', () => {
  it('turns reported spans into 0-based ranges with the default severity, sorted by position then rule id', () => {
    const r = lint('add name=a bad\nadd name=b bad foo', [wordRule('t/foo', 'foo'), wordRule('t/bad', 'bad'), wordRule('t/add', 'add')]);
    expect(r.diagnostics.map(brief)).toEqual([
      '1:1-1:4 warning t/add',
      '1:12-1:15 warning t/bad',
      '2:1-2:4 warning t/add',
      '2:12-2:15 warning t/bad',
      '2:16-2:19 warning t/foo',
    ]);
    expect(r.diagnostics[1]).toMatchObject({ file: 'r.rsc', message: 'found bad', range: { start: { line: 0, column: 11, offset: 11 } } });
  });

  it('sorts diagnostics at the same position by rule id', () => {
    const r = lint('x', [wordRule('t/zz', 'x'), wordRule('t/aa', 'x'), wordRule('t/mm', 'x')]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['t/aa', 't/mm', 't/zz']);
  });

  it('applies configured severities; off does not even run the rule', () => {
    const check = vi.fn();
    const silent: RouterRule = { meta: { id: 't/silent', defaultSeverity: 'error', summary: '', fixable: false, scope: 'router' }, check };
    const r = lint('bad foo', [wordRule('t/bad', 'bad'), wordRule('t/foo', 'foo'), silent], { 't/bad': 'error', 't/foo': 'off', 't/silent': 'off' });
    expect(r.diagnostics.map(brief)).toEqual(['1:1-1:4 error t/bad']);
    expect(check).not.toHaveBeenCalled();
  });

  it('lets a report choose its severity unless the user configured one', () => {
    const rule = wordRule('t/bad', 'bad', () => ({ severity: 'info' }));
    expect(lint('bad', [rule]).diagnostics[0]!.severity).toBe('info');
    expect(lint('bad', [rule], { 't/bad': 'error' }).diagnostics[0]!.severity).toBe('error');
  });

  it('applies severities to parser and model diagnostics too', () => {
    const text = 'SYNTAXERR MODELDIAG';
    expect(lint(text, []).diagnostics.map(brief)).toEqual(['1:1-1:10 error syntax/test', '1:11-1:20 warning model/test']);
    expect(lint(text, [], { 'syntax/test': 'off', 'model/test': 'error' }).diagnostics.map(brief)).toEqual(['1:11-1:20 error model/test']);
  });

  it('converts related locations and fixes into ranges', () => {
    const rule = wordRule('t/bad', 'bad', (ctx, at) => ({
      related: [{ span: { start: 0, end: 3 }, message: 'first line starts here' }],
      fix: { description: 'replace with good', edits: [{ span: { start: at, end: at + 3 }, text: 'good' }] },
    }));
    const [d] = lint('add bad', [rule]).diagnostics;
    expect(d!.related).toEqual([{ file: 'r.rsc', message: 'first line starts here', range: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 3, offset: 3 } } }]);
    expect(d!.fix).toEqual({ description: 'replace with good', edits: [{ text: 'good', range: { start: { line: 0, column: 4, offset: 4 }, end: { line: 0, column: 7, offset: 7 } } }] });
  });

  it('clamps spans outside the text instead of failing', () => {
    const rule: RouterRule = {
      meta: { id: 't/wild', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' },
      check: (ctx) => ctx.report({ span: { start: 50, end: -3 }, message: 'wild' }),
    };
    const [d] = lint('abc', [rule]).diagnostics;
    expect(d!.range.start.offset).toBe(0);
    expect(d!.range.end.offset).toBe(3);
  });

  it('reports a throwing rule as roslint/internal-error at 1:1 and keeps linting', () => {
    const boom: RouterRule = {
      meta: { id: 't/boom', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' },
      check: () => {
        throw new Error('kaboom\n    at secret stack frame');
      },
    };
    const r = lint('\n\nbad', [boom, wordRule('t/bad', 'bad')]);
    expect(r.diagnostics.map(brief)).toEqual(['1:1-1:1 error roslint/internal-error', '3:1-3:4 warning t/bad']);
    expect(r.diagnostics[0]!.message).toContain('t/boom');
    expect(r.diagnostics[0]!.message).toContain('kaboom');
    expect(r.diagnostics[0]!.message).not.toContain('stack frame');
  });

  it('computes an analysis once per config, shared by every rule', () => {
    const analysis = vi.fn<Analysis<number>>((c: RouterConfig) => c.source.text.length);
    const user = (id: string): RouterRule => ({
      meta: { id, defaultSeverity: 'info', summary: '', fixable: false, scope: 'router' },
      check: (ctx) => ctx.report({ span: { start: 0, end: 0 }, message: `len ${ctx.use(analysis)} ${ctx.use(analysis)}` }),
    });
    const linter = new Linter({ rules: [user('t/a'), user('t/b')] });
    const r = linter.lintText('hello', { file: 'a.rsc' });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['len 5 5', 'len 5 5']);
    expect(analysis).toHaveBeenCalledTimes(1);
    linter.lintText('hi', { file: 'b.rsc' });
    expect(analysis).toHaveBeenCalledTimes(2);
  });

  it('passes per-rule options', () => {
    let seen: unknown;
    const rule: RouterRule = { meta: { id: 't/opt', defaultSeverity: 'info', summary: '', fixable: false, scope: 'router' }, check: (ctx) => void (seen = ctx.options) };
    new Linter({ rules: [rule] }).lintText('', { file: 'x', ruleOptions: { 't/opt': { max: 3 } } });
    expect(seen).toEqual({ max: 3 });
  });

  it('never throws on arbitrary bytes', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
    expect(() => lint(bytes as unknown as string, [wordRule('t/a', 'a')])).not.toThrow();
  });
});

describe('Linter.lintMany: network rules', () => {
  /** Reports each `name=` value that appears in more than one file, pointing at the other file. */
  const duplicateNames: NetworkRule = {
    meta: { id: 't/dup', defaultSeverity: 'error', summary: '', fixable: false, scope: 'network' },
    check(ctx) {
      const seen = new Map<string, { config: RouterConfig; span: { start: number; end: number } }>();
      for (const config of ctx.configs) {
        for (const item of config.items('/test')) {
          const name = item.props.get('name')!;
          const first = seen.get(name.text);
          if (first) ctx.report(config, { span: name.span, message: `${name.text} again`, related: [{ config: first.config, span: first.span, message: 'first here' }] });
          else seen.set(name.text, { config, span: name.span });
        }
      }
    },
  };

  it('runs network rules once over every config and files each report under its config', () => {
    const check = vi.spyOn(duplicateNames, 'check');
    const results = new Linter({ rules: [duplicateNames, wordRule('t/bad', 'bad')] }).lintMany(
      [
        { file: 'a.rsc', content: 'add name=wg1\nbad' },
        { file: 'b.rsc', content: 'add name=wg2' },
        { file: 'c.rsc', content: '\nadd name=wg1' },
      ],
      {},
    );
    expect(check).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.file)).toEqual(['a.rsc', 'b.rsc', 'c.rsc']);
    expect(results[0]!.diagnostics.map(brief)).toEqual(['2:1-2:4 warning t/bad']);
    expect(results[1]!.diagnostics).toEqual([]);
    const [dup] = results[2]!.diagnostics;
    expect(brief(dup!)).toBe('2:10-2:13 error t/dup');
    expect(dup!.related![0]).toMatchObject({ file: 'a.rsc', range: { start: { line: 0, column: 9 } } });
  });

  it('does not run network rules for a single lintText', () => {
    const check = vi.fn();
    new Linter({ rules: [{ meta: { ...duplicateNames.meta }, check }] }).lintText('add name=a', { file: 'a' });
    expect(check).not.toHaveBeenCalled();
  });

  it('reports a throwing network rule at 1:1 of the first file', () => {
    const boom: NetworkRule = { meta: { id: 't/netboom', defaultSeverity: 'error', summary: '', fixable: false, scope: 'network' }, check: () => { throw new Error('nope'); } };
    const results = new Linter({ rules: [boom] }).lintMany([{ file: 'a', content: 'x' }, { file: 'b', content: 'y' }], {});
    expect(results[0]!.diagnostics.map(brief)).toEqual(['1:1-1:1 error roslint/internal-error']);
    expect(results[1]!.diagnostics).toEqual([]);
  });
});

describe('Linter: suppression directives', () => {
  const rules = [wordRule('t/bad', 'bad'), wordRule('t/foo', 'foo')];
  const run = (text: string, severities?: Record<string, 'off' | 'info' | 'warning' | 'error'>) => lint(text, rules, severities).diagnostics.map(brief);

  it('disable-next-line suppresses the listed rules on the next command only', () => {
    expect(run('# roslint-disable-next-line t/bad\nbad foo\nbad')).toEqual(['2:5-2:8 warning t/foo', '3:1-3:4 warning t/bad']);
  });

  it('disable-next-line accepts several rules, a reason, and no list (= every rule)', () => {
    expect(run('# roslint-disable-next-line t/bad, t/foo -- both are fine here\nbad foo\nfoo')).toEqual(['3:1-3:4 warning t/foo']);
    expect(run('# roslint-disable-next-line -- legacy line\nbad foo\nfoo')).toEqual(['3:1-3:4 warning t/foo']);
  });

  it('disable-next-line skips blank and comment lines and covers a continued command as a whole', () => {
    expect(run('# roslint-disable-next-line t/bad\n\n# note\nadd a=1 \\\n    b=bad\nbad')).toEqual(['6:1-6:4 warning t/bad']);
  });

  it('disable … enable covers the region between them, per rule', () => {
    const text = 'bad\n# roslint-disable t/bad\nbad foo\n# roslint-enable t/bad\nbad';
    expect(run(text)).toEqual(['1:1-1:4 warning t/bad', '3:5-3:8 warning t/foo', '5:1-5:4 warning t/bad']);
  });

  it('disable without enable runs to the end of the file; enable <rule> after disable-all re-enables just that rule', () => {
    expect(run('bad\n# roslint-disable\nbad foo\nfoo')).toEqual(['1:1-1:4 warning t/bad']);
    expect(run('# roslint-disable\nbad foo\n# roslint-enable t/foo\nbad foo')).toEqual(['4:5-4:8 warning t/foo']);
  });

  it('disable-file applies anywhere in the file', () => {
    expect(run('bad foo\nbad\n# roslint-disable-file t/bad')).toEqual(['1:5-1:8 warning t/foo']);
  });

  it("roslint-ignore in an item's comment suppresses those rules inside that item's statements", () => {
    const text = 'add name=wg1 comment="keep: roslint-ignore: t/bad" x=bad\nadd name=wg2 x=bad\nset name=wg1 y=bad foo';
    expect(run(text)).toEqual(['2:16-2:19 warning t/bad', '3:20-3:23 warning t/foo']);
  });

  it('reports unused directives as info, per unused rule', () => {
    const text = '# roslint-disable-next-line t/bad, t/foo\nbad\n# roslint-disable-file t/nothing\n# roslint-disable-next-line\nok';
    expect(run(text)).toEqual([
      '1:1-1:41 info roslint/unused-directive',
      '3:1-3:33 info roslint/unused-directive',
      '4:1-4:28 info roslint/unused-directive',
    ]);
    const d = lint(text, rules).diagnostics[0]!;
    expect(d.message).toContain('t/foo');
  });

  it('reports an enable without a matching disable, and an unused item ignore', () => {
    expect(run('# roslint-enable t/bad\nbad')).toEqual(['1:1-1:23 info roslint/unused-directive', '2:1-2:4 warning t/bad']);
    expect(run('add name=a comment="roslint-ignore: t/other"')).toEqual(['1:20-1:45 info roslint/unused-directive']);
  });

  it('does not call a directive unused when its rule is switched off, and obeys roslint/unused-directive=off', () => {
    expect(run('# roslint-disable-next-line t/bad\nok', { 't/bad': 'off' })).toEqual([]);
    expect(run('# roslint-disable-next-line t/foo\nok', { 'roslint/unused-directive': 'off' })).toEqual([]);
  });

  it('never suppresses internal errors', () => {
    const boom: RouterRule = { meta: { id: 't/boom', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' }, check: () => { throw new Error('x'); } };
    const r = lint('# roslint-disable-file\nbad', [boom, ...rules]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['roslint/internal-error']);
  });

  it('treats comments that are not directives as comments', () => {
    expect(run('# roslint-disabled is not a word\n# about roslint-disable\nbad')).toEqual(['3:1-3:4 warning t/bad']);
  });
});

describe('Linter: secrets', () => {
  const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';
  const PSK = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5PQ==';

  it('finds private-key and preshared-key values, but not auto/none', () => {
    const text = `add name=wg1 private-key="${KEY}"\nadd preshared-key=${PSK} private-key=auto\nadd preshared-key=none`;
    const r = lint(text, []);
    expect(r.secretSpans.map((s) => text.slice(s.start, s.end))).toEqual([`"${KEY}"`, PSK]);
  });

  it('scrubs secret values from messages and related messages, and drops fixes that would write one', () => {
    const leaky = wordRule('t/leak', 'private-key', (ctx) => ({
      message: `key ${KEY} is weak`,
      related: [{ span: { start: 0, end: 1 }, message: `see ${KEY}` }],
      fix: { description: 'rewrite', edits: [{ span: { start: 0, end: 1 }, text: KEY }] },
    }));
    const r = lint(`add private-key=${KEY}`, [leaky]);
    const json = JSON.stringify(r.diagnostics);
    expect(json).not.toContain(KEY);
    expect(r.diagnostics[0]!.message).toBe('key <redacted> is weak');
    expect(r.diagnostics[0]!.fix).toBeUndefined();
  });

  it('scrubs a secret from another file of the network out of a related message', () => {
    const rule: NetworkRule = {
      meta: { id: 't/net', defaultSeverity: 'error', summary: '', fixable: false, scope: 'network' },
      check: (ctx) => ctx.report(ctx.configs[1]!, { span: { start: 0, end: 1 }, message: 'x', related: [{ config: ctx.configs[0]!, span: { start: 0, end: 1 }, message: `peer key ${KEY}` }] }),
    };
    const results = new Linter({ rules: [rule] }).lintMany([{ file: 'a', content: `add private-key=${KEY}` }, { file: 'b', content: 'add' }], {});
    expect(JSON.stringify(results.map((r) => r.diagnostics))).not.toContain(KEY);
  });

  it('scrubs a secret out of an internal error message', () => {
    const boom: RouterRule = { meta: { id: 't/boom', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' }, check: () => { throw new Error(`bad key ${KEY}`); } };
    expect(JSON.stringify(lint(`add private-key=${KEY}`, [boom]).diagnostics)).not.toContain(KEY);
  });
});
