import { describe, expect, it } from 'vitest';
import { parse, KNOWN_COMMANDS, type StringExpr, type WhereExpr } from '@roslint/parser';
import { cmd, named, parseOk, show, showStmt, spanText } from './helpers.js';

const stmts = (src: string) => parseOk(src).script.body.map(showStmt);

describe('paths and commands', () => {
  it('path-only lines in both styles change the menu', () => {
    const src = '/interface wireguard\n/ip/firewall/filter\n';
    const [a, b] = parseOk(src).script.body;
    expect(a).toMatchObject({ kind: 'command', command: null, args: [], path: { absolute: true } });
    if (a?.kind !== 'command' || b?.kind !== 'command') throw new Error();
    expect(a.path!.segments.map((s) => [s.name, spanText(src, s)])).toEqual([['interface', 'interface'], ['wireguard', 'wireguard']]);
    expect(b.path!.segments.map((s) => spanText(src, s))).toEqual(['ip', 'firewall', 'filter']);
    expect(spanText(src, a)).toBe('/interface wireguard');
    expect(spanText(src, b.path!)).toBe('/ip/firewall/filter');
  });

  it('splits path and verb on the known command list', () => {
    expect(stmts('/ip firewall filter add chain=input')).toEqual(['/ip/firewall/filter add chain=input']);
    expect(stmts('add chain=input')).toEqual(['add chain=input']);
    expect(stmts('/system script run myscript')).toEqual(['/system/script run myscript']);
    expect(stmts('/log info "x"')).toEqual(['/log info "x"']);
    expect(stmts('/ip fire fil add chain=x')).toEqual(['/ip/fire/fil add chain=x']);
    expect(KNOWN_COMMANDS.has('add') && KNOWN_COMMANDS.has('print') && KNOWN_COMMANDS.has('wg-import')).toBe(true);
  });

  it('takes the last path word as the command when no verb is known and args follow', () => {
    expect(stmts('/ping 10.0.0.1 count=5')).toEqual(['/ ping 10.0.0.1 count=5']);
    expect(stmts('/interface wireguard wg-import file=x')).toEqual(['/interface/wireguard wg-import file=x']);
    const c = cmd('/tool fetch-thing url=x');
    expect(c.command?.name).toBe('fetch-thing');
    expect(c.path?.segments.map((s) => s.name)).toEqual(['tool']);
  });

  it('handles .., trailing slash and relative paths', () => {
    expect(stmts('/interface ..')).toEqual(['/interface/.. <menu>']);
    expect(stmts('.. add x=1')).toEqual(['.. add x=1']);
    expect(stmts('/ip/firewall/filter/ add chain=input')).toEqual(['/ip/firewall/filter add chain=input']);
    expect(stmts('firewall filter')).toEqual(['firewall/filter <menu>']);
    expect(cmd('firewall filter').path?.absolute).toBe(false);
  });

  it('parses a path followed by a block', () => {
    const src = '/ip firewall { filter add chain=input; nat add chain=srcnat }';
    const s = parseOk(src).script.body[0]!;
    expect(s.kind).toBe('pathBlock');
    expect(showStmt(s)).toBe('/ip/firewall {filter add chain=input; nat add chain=srcnat}');
    expect(spanText(src, s)).toBe(src);
    expect(stmts('/ip pool { :local o [find name=x]; remove $o }')).toEqual(['/ip/pool {:local o [find name=x]; remove $o}']);
  });

  it('parses colon commands, bare if and function calls', () => {
    const c = cmd(':local x 1');
    expect(c).toMatchObject({ colon: true, command: { name: 'local' }, path: null });
    expect(spanText(':local x 1', c.command!)).toBe(':local');
    expect(stmts('if ($x) do={ :log info "hi" }')).toEqual(['if ($x) do={:log info "hi"}']);
    const call = cmd('$f a=1 "x"');
    expect(call.callee).toMatchObject({ kind: 'variable', name: 'f' });
    expect(call.command).toBeNull();
    expect(call.args.map((a) => a.kind)).toEqual(['named', 'positional']);
    expect(stmts(':put [$f a=6]')).toEqual([':put [call $f a=6]']);
  });

  it('bare block statements', () => {
    expect(stmts('{ :local x 1; :put $x }')).toEqual(['{:local x 1; :put $x}']);
    expect(parseOk('{\n:local x 1\n}').script.body[0]!.kind).toBe('blockStatement');
  });

  it('statement separators: newline, CRLF, lone CR and ;', () => {
    expect(stmts('/ip dns set a=1; /ip dns static add name=b\r\n:put 1\r:put 2\n')).toEqual([
      '/ip/dns set a=1', '/ip/dns/static add name=b', ':put 1', ':put 2',
    ]);
  });
});

describe('arguments and values', () => {
  it('name=value, positional, unset and negation', () => {
    const src = 'set 0 !port chain=blah2 in-interface-list=!LAN';
    const c = cmd(src);
    expect(c.args.map((a) => a.kind)).toEqual(['positional', 'unset', 'named', 'named']);
    expect(c.args[1]).toMatchObject({ kind: 'unset', name: 'port' });
    expect(spanText(src, c.args[1]!)).toBe('!port');
    const neg = named(c, 'in-interface-list');
    expect(neg.negated).toBe(true);
    expect(show(neg.value)).toBe('LAN');
    expect(spanText(src, neg.nameSpan)).toBe('in-interface-list');
    expect(spanText(src, neg.value!)).toBe('LAN');
    expect(spanText(src, neg)).toBe('in-interface-list=!LAN');
  });

  it('dotted and leading-dot names, empty values', () => {
    const c = cmd('set wifi1 configuration.mode=ap .ssid=x gateway6=');
    expect(named(c, 'configuration.mode').value).toMatchObject({ kind: 'word', text: 'ap' });
    expect(named(c, '.ssid').value).toMatchObject({ kind: 'word', text: 'x' });
    expect(named(c, 'gateway6').value).toBeNull();
  });

  it('keeps unquoted value shapes as raw words', () => {
    const values = [
      '10.0.0.0/8,10.1.0.0/24', 'established,related', '33434-33534', '*1A', '172.17.0.1%wireguard1', '0xABCD',
      'fe80::1/64', '::/0', 'AA:BB:CC:DD:EE:FF', '1w2d3h', '00:00:25', '200ms', '1d12h..2d', 'equal:1', '#1', 'abc=def==',
    ];
    const src = 'add ' + values.map((v, i) => `p${i}=${v}`).join(' ');
    const c = cmd(src);
    values.forEach((v, i) => {
      const a = named(c, `p${i}`);
      expect(a.value).toMatchObject({ kind: 'word', text: v });
      expect(spanText(src, a.value!)).toBe(v);
    });
  });

  it('glued pieces become a concatenation', () => {
    const c = cmd('add name=wg-$n address=10.0.$x.1');
    expect(show(named(c, 'name').value)).toBe('cat(wg-,$n)');
    expect(show(named(c, 'address').value)).toBe('cat(10.0.,$x,.1)');
  });

  it('continuations between args and right after name=', () => {
    const src = 'add allowed-address=10.0.0.2/32 public-key=\\\r\n    "tcw=" \\\n    protocol=udp';
    const c = cmd(src);
    expect(named(c, 'public-key').value).toMatchObject({ kind: 'string', value: 'tcw=' });
    expect(spanText(src, named(c, 'public-key').value!)).toBe('"tcw="');
    expect(named(c, 'protocol').value).toMatchObject({ text: 'udp' });
    expect(parse(src).script.body).toHaveLength(1);
  });

  it('whitespace after = gives an empty value except for loop keywords', () => {
    expect(stmts(':for i from= 1 to= 2 do={}')).toEqual([':for i from=1 to=2 do={}']);
    expect(stmts('set comment= x')).toEqual(['set comment=∅ x']);
  });

  it('substitution [ find … ] as an item reference', () => {
    const src = 'set [ find default-name=ether1 ] comment=x';
    const c = cmd(src);
    const sub = c.args[0]!;
    expect(sub.kind === 'positional' && sub.value.kind).toBe('substitution');
    expect(spanText(src, sub)).toBe('[ find default-name=ether1 ]');
    expect(showStmt(c)).toBe('set [find default-name=ether1] comment=x');
    expect(stmts(':put []')).toEqual([':put []']);
  });
});

describe('strings', () => {
  it('decodes every escape', () => {
    const src = String.raw`:put "\"\\\n\r\t\$\_\a\b\f\v\48\45\4C\4C\4F"`;
    const s = cmd(src).args[0]!;
    expect(s.kind === 'positional' && (s.value as StringExpr).value).toBe('"\\\n\r\t$ \x07\b\f\vHELLO');
  });

  it('decodes multi-byte UTF-8 hex escapes', () => {
    const s = cmd(String.raw`:put "\D0\9E x\E1s"`).args[0]!;
    expect(s.kind === 'positional' && (s.value as StringExpr).value).toBe('О x\u00e1s');
  });

  it('reports lower-case hex and unknown escapes at the escape', () => {
    const src = ':put "a\\e2 b\\q"';
    const r = parse(src);
    expect(r.diagnostics.map((d) => [d.ruleId, d.severity, src.slice(d.range.start.offset, d.range.end.offset)])).toEqual([
      ['syntax/parse-error', 'error', '\\e2'],
      ['syntax/parse-error', 'error', '\\q'],
    ]);
  });

  it('joins continuations inside strings and drops the indentation', () => {
    const src = 'set comment="tunnel to Audie\\\r\n    nce in station mode"';
    const v = named(cmd(src), 'comment').value as StringExpr;
    expect(v.value).toBe('tunnel to Audience in station mode');
    expect(spanText(src, v)).toBe(src.slice(12));
  });

  it('interpolation parts: $var, $(expr), $[cmd], and \\$ suppresses it', () => {
    const src = ':put "x=$x, 5x6 = $($a * $b), $[ :len [/ip route find] ] routes \\$notvar"';
    const v = cmd(src).args[0]!;
    if (v.kind !== 'positional' || v.value.kind !== 'string') throw new Error();
    expect(v.value.value).toBeNull();
    expect(v.value.parts.map((p) => p.kind)).toEqual(['text', 'interpolation', 'text', 'interpolation', 'text', 'interpolation', 'text']);
    expect(show(v.value)).toBe('"x=${$x}, 5x6 = ${(($a * $b))}, ${[:len [/ip/route find]]} routes $notvar"');
    expect(v.value.parts.map((p) => spanText(src, p))).toEqual(['x=', '$x', ', 5x6 = ', '$($a * $b)', ', ', '$[ :len [/ip route find] ]', ' routes \\$notvar']);
  });

  it('quoted variable names', () => {
    expect(cmd(':put $"my-var"').args[0]).toMatchObject({ value: { kind: 'variable', name: 'my-var', quoted: true } });
    expect(cmd(':global "my-var" 1').args[0]).toMatchObject({ value: { kind: 'string', value: 'my-var' } });
  });
});

describe('expressions', () => {
  const expr = (src: string) => {
    const a = cmd(':put ' + src).args[0]!;
    return show(a.kind === 'positional' ? a.value : null);
  };
  it('precedence and associativity', () => {
    expect(expr('(10 / 2 + 3 * 4 - -1)')).toBe('((((10 / 2) + (3 * 4)) - -1))');
    expect(expr('($a && !$b || $c and $d or $e)')).toBe('(((($a && !$b) || ($c and $d)) or $e))');
    expect(expr('(~$x | 1 ^ 2 & 3 << 4 >> 5)')).toBe('((~$x | (1 ^ (2 & ((3 << 4) >> 5)))))');
    expect(expr('($x ~ "^wg" && $y != 3 && $q % 2 = 0 && $z <= 4 && $w >= 5 && $v < 1 && $u > 2)')).toBe(
      '(((((((($x ~ "^wg") && ($y != 3)) && (($q % 2) = 0)) && ($z <= 4)) && ($w >= 5)) && ($v < 1)) && ($u > 2)))',
    );
    expect(expr('("a" . $b . "c")')).toBe('((("a" . $b) . "c"))');
    expect(expr('(1.1.1.1/32 in 1.0.0.0/8)')).toBe('((1.1.1.1/32 in 1.0.0.0/8))');
    expect(expr('({1;2;3} , 5)')).toBe('(({1;2;3} , 5))');
    expect(expr('($a->1->"b")')).toBe('((($a -> 1) -> "b"))');
    expect(expr('((10)/2)')).toBe('(((10) / 2))');
  });

  it('spans of operator trees', () => {
    const src = ':put ($a + 1)';
    const a = cmd(src).args[0]!;
    if (a.kind !== 'positional' || a.value.kind !== 'paren' || !a.value.expr) throw new Error();
    expect(spanText(src, a.value)).toBe('($a + 1)');
    expect(spanText(src, a.value.expr)).toBe('$a + 1');
  });

  it('array literals', () => {
    const src = ':local arr {1;2;"a"=3; b=4}';
    const a = cmd(src).args[1]!;
    if (a.kind !== 'positional' || a.value.kind !== 'array') throw new Error();
    expect(show(a.value)).toBe('{1;2;"a"=3;b=4}');
    expect(a.value.entries.map((e) => spanText(src, e))).toEqual(['1', '2', '"a"=3', 'b=4']);
  });
});

describe('control flow', () => {
  it.each([
    [':if ($a = 1) do={ :put "x" } else={ :put "y" }', ':if (($a = 1)) do={:put "x"} else={:put "y"}'],
    [':if ($a) do={ :put 1 } else { :put 2 }', ':if ($a) do={:put 1} else {:put 2}'],
    [':for i from=1 to=10 step=2 do={ :put $i }', ':for i from=1 to=10 step=2 do={:put $i}'],
    [':foreach k,v in=$a do={ :put "$k=$v" }', ':foreach k,v in=$a do={:put "${$k}=${$v}"}'],
    [':while ($i < 10) do={ :set i ($i + 1) }', ':while (($i < 10)) do={:set i (($i + 1))}'],
    [':do { :put 1 } while=($i < 3)', ':do {:put 1} while=(($i < 3))'],
    [':do { :error "x" } on-error={ :put "caught" }', ':do {:error "x"} on-error={:put "caught"}'],
    [':onerror e in={ :error "x" } do={ :put $e }', ':onerror e in={:error "x"} do={:put $e}'],
    [':retry command={ /ping 1.1.1.1 count=1 } delay=1 max=3', ':retry command={/ ping 1.1.1.1 count=1} delay=1 max=3'],
    [':global f do={ :return ($1 + $a) }', ':global f do={:return (($1 + $a))}'],
    [':set ($a->"x") 5', ':set (($a -> "x")) 5'],
  ])('%s', (src, expected) => {
    expect(stmts(src)).toEqual([expected]);
  });

  it('multi-line blocks', () => {
    const src = ':if ($x) do={\n  :put 1\n  :put 2\n} else={\n  :put 3\n}\n:put 4';
    expect(stmts(src)).toEqual([':if ($x) do={:put 1; :put 2} else={:put 3}', ':put 4']);
  });
});

describe('where clauses', () => {
  const where = (src: string): WhereExpr => {
    const c = cmd(src);
    const a = c.args.find((x) => x.kind === 'positional' && x.value.kind === 'where');
    if (!a || a.kind !== 'positional' || a.value.kind !== 'where') throw new Error('no where');
    return a.value;
  };
  it('builds comparison trees with property names as words', () => {
    const src = '/ip firewall filter print detail where allowed-address="172.16.0.2/32"';
    const w = where(src);
    expect(show(w)).toBe('where (allowed-address = "172.16.0.2/32")');
    expect(spanText(src, w)).toBe('where allowed-address="172.16.0.2/32"');
    expect(show(where('/interface find where name~"^wg" && !disabled'))).toBe('where ((name ~ "^wg") && !disabled)');
    expect(show(where('/interface print where !(slave=yes || name="ether1" || type=loopback)'))).toBe(
      'where !((((slave = yes) || (name = "ether1")) || (type = loopback)))',
    );
    expect(show(where('/interface find where dynamic=no and disabled or running in $list'))).toBe(
      'where (((dynamic = no) and disabled) or (running in $list))',
    );
    expect(show(where('/ip address print where (name~"ether")=false'))).toBe('where (((name ~ "ether")) = false)');
  });
  it('inside a substitution', () => {
    expect(stmts(':put [/interface find where name~"^wg" && !disabled]')).toEqual([':put [/interface find where ((name ~ "^wg") && !disabled)]']);
  });
});

describe('comments', () => {
  it('collects comments only at command start', () => {
    const src = '# 2024-03-25 05:19:33 by RouterOS 7.14.1\r\n# software id = X\r\n:global a; # note\n:if (1) do={ :put 1 } # after brace\nadd comment=#1 name=#1-gs\n';
    const r = parseOk(src);
    expect(r.script.comments.map((c) => c.text)).toEqual([' 2024-03-25 05:19:33 by RouterOS 7.14.1', ' software id = X', ' note', ' after brace']);
    expect(r.script.comments.map((c) => spanText(src, c))).toEqual(['# 2024-03-25 05:19:33 by RouterOS 7.14.1', '# software id = X', '# note', '# after brace']);
    expect(showStmt(r.script.body[2]!)).toBe('add comment=#1 name=#1-gs');
  });
});

describe('encodings', () => {
  it('strips a BOM and reports Windows-1252 input', () => {
    const bom = parse(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('/ip address\n')]));
    expect(bom.diagnostics).toEqual([]);
    expect(showStmt(bom.script.body[0]!)).toBe('/ip/address <menu>');
    const latin = parse(new Uint8Array([...new TextEncoder().encode('add comment="Tam'), 0xe1, ...new TextEncoder().encode('s"\n')]), { file: 'x.rsc' });
    expect(latin.diagnostics).toMatchObject([{ ruleId: 'syntax/encoding', severity: 'info', file: 'x.rsc' }]);
    expect(show(named(latin.script.body[0] as never, 'comment').value)).toBe('"Tamás"');
  });
});

describe('embedded scripts', () => {
  it('parses script-carrying strings with spans mapped into the file', () => {
    const src = '/system script add name=x source=":local a 1\\r\\\n    \\n:put \\$a"';
    const v = named(cmd(src), 'source').value as StringExpr;
    expect(v.value).toBe(':local a 1\r\n:put $a');
    const body = v.embedded!.body;
    expect(body.map(showStmt)).toEqual([':local a 1', ':put $a']);
    expect(spanText(src, body[0]!)).toBe(':local a 1');
    expect(spanText(src, body[1]!)).toBe(':put \\$a');
    const put = body[1]!;
    if (put.kind !== 'command') throw new Error();
    expect(spanText(src, put.args[0]!)).toBe('\\$a');
  });

  it('reports syntax errors of embedded scripts in place', () => {
    const src = '/system scheduler\nadd name=s on-event="/ip address add address=\\"1.2.3.4\\"\\r\\n:put (1 + \\r\\n"';
    const r = parse(src);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(src.slice(d.range.start.offset, d.range.end.offset)).toBe('(');
    expect(d.message).toBe('expected `)` to close `(` opened at line 2');
  });

  it('does not parse strings with interpolation or non-script properties', () => {
    expect((named(cmd('add source=":put $x"'), 'source').value as StringExpr).embedded).toBeUndefined();
    expect((named(cmd('add comment=":put 1"'), 'comment').value as StringExpr).embedded).toBeUndefined();
  });
});

describe('long lines', () => {
  it('parses a 25k-character line', () => {
    const list = Array.from({ length: 1800 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`).join(',');
    const src = `/ip firewall address-list add list=big address=${list} comment="${'x'.repeat(2000)}"`;
    expect(src.length).toBeGreaterThan(25000);
    const c = cmd(src);
    expect((named(c, 'address').value as { text: string }).text).toBe(list);
  });
});

describe('error recovery', () => {
  const diag = (src: string) => parse(src).diagnostics.map((d) => [d.ruleId, src.slice(d.range.start.offset, d.range.end.offset), d.message]);

  it('reports each broken statement and keeps parsing the rest', () => {
    const src = ':put (1 + )\n/ip address add address=10.0.0.1/24 interface=ether1\n:put [ :len "x"\n:put 3\n:put ( 1 ]\n:put 4';
    const r = parse(src);
    expect(r.script.body.map((s) => (s.kind === 'error' ? 'error' : showStmt(s)))).toEqual([
      'error', '/ip/address add address=10.0.0.1/24 interface=ether1', 'error', ':put 3', 'error', ':put 4',
    ]);
    expect(diag(src)).toEqual([
      ['syntax/parse-error', ')', 'expected a value but found `)`'],
      ['syntax/parse-error', '[', 'expected `]` to close `[` opened at line 3'],
      ['syntax/parse-error', ']', 'expected `)` to close `(` opened at line 5, found `]`'],
    ]);
    const err = r.script.body[0]!;
    expect(spanText(src, err)).toBe(':put (1 + )');
  });

  it('an unclosed block resumes on the line after the opening brace', () => {
    const src = ':if ($a) do={\n  :put 1\n/ip address print';
    const r = parse(src);
    expect(r.script.body.map((s) => (s.kind === 'error' ? 'error' : showStmt(s)))).toEqual(['error', ':put 1', '/ip/address print']);
    expect(diag(src)).toEqual([['syntax/parse-error', '{', 'expected `}` to close `{` opened at line 1']]);
  });

  it('backslash rules outside strings', () => {
    expect(diag('add a=1 \\  \n  b=2')).toEqual([
      ['syntax/parse-error', '\\  ', '`\\` followed by whitespace is not a line continuation: remove the spaces after the `\\`'],
    ]);
    expect(stmts('add a=1 \\  \n  b=2'.replace('\\  ', '\\'))).toEqual(['add a=1 b=2']);
    expect(diag('add a\\b=1')[0]![1]).toBe('\\');
    expect(diag('add a=1 \\')).toEqual([]);
  });

  it('stray closers and too-deep nesting', () => {
    expect(diag('}\n:put 1')).toEqual([['syntax/parse-error', '}', 'unexpected `}` with no matching opening bracket']]);
    const deep = ':put ' + '('.repeat(100_000) + ')'.repeat(100_000) + '\n:put 2';
    const r = parse(deep);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['syntax/too-deep']);
    expect(r.script.body.map((s) => s.kind)).toEqual(['error', 'command']);
  });

  it('diagnostics carry the file name, default <input>', () => {
    expect(parse(':put (').diagnostics[0]!.file).toBe('<input>');
    expect(parse(':put (', { file: 'a.rsc' }).diagnostics[0]!.file).toBe('a.rsc');
  });
});

describe('error recovery inside blocks', () => {
  it('reports every broken statement of a long block and keeps the good ones', () => {
    const src = [
      ':if ($a) do={',
      '  :put (1 + )',
      '  :put "ok"',
      '  :foreach x in=$y do={',
      '     :put (1 2)',
      '     :put 3',
      '  }',
      '  /ip firewall { filter add chain=x; :put (3 +) }',
      '} else={ :put (4 -) }',
    ].join('\n');
    const r = parse(src);
    expect(r.diagnostics.map((d) => [d.range.start.line + 1, src.slice(d.range.start.offset, d.range.end.offset)])).toEqual([
      [2, ')'], [5, '2'], [8, ')'], [9, ')'],
    ]);
    expect(r.script.body).toHaveLength(1);
    expect(showStmt(r.script.body[0]!)).toBe(
      ':if ($a) do={<error>; :put "ok"; :foreach x in=$y do={<error>; :put 3}; /ip/firewall {filter add chain=x; <error>}} else={<error>}',
    );
    const ifs = r.script.body[0]!;
    if (ifs.kind !== 'command' || ifs.args[1]?.kind !== 'named' || ifs.args[1].value?.kind !== 'block') throw new Error();
    expect(spanText(src, ifs.args[1].value.body[0]!)).toBe(':put (1 + )');
  });

  it('a broken statement head still reports the errors inside its blocks', () => {
    const r = parse(':if (1 +) do={ :put (2 +) }');
    expect(r.diagnostics).toHaveLength(2);
    expect(r.script.body.map((s) => s.kind)).toEqual(['error']);
  });
});

describe('slash-joined verbs (v7 style)', () => {
  it('takes a known verb at the end of a slash path as the command', () => {
    const src = '/ip/address/print where interface=ether1';
    const c = cmd(src);
    expect(showStmt(c)).toBe('/ip/address print where (interface = ether1)');
    expect(spanText(src, c.command!)).toBe('print');
    expect(showStmt(cmd('/interface/wireguard/peers/add name=x'))).toBe('/interface/wireguard/peers add name=x');
    expect(showStmt(cmd(':put [/ip/route/find gateway=1.1.1.1]'))).toBe(':put [/ip/route find gateway=1.1.1.1]');
  });
});

describe('a defconf-style script', () => {
  it('parses cleanly with the expected structure', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('./samples/defconf-style-script.rsc', import.meta.url), 'utf8');
    const r = parseOk(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.script.comments).toHaveLength(6);
    const [global, ifs] = r.script.body;
    expect(showStmt(global!)).toBe(':global action');
    if (ifs?.kind !== 'command' || ifs.args[1]?.kind !== 'named' || ifs.args[1].value?.kind !== 'block') throw new Error();
    const body = ifs.args[1].value.body.map(showStmt);
    expect(body).toContain('/ip/dhcp-server <menu>');
    expect(body).toContain('add name=defconf address-pool="default-dhcp" interface=bridge lease-time=10m disabled=no');
    expect(body).toContain('/ip/dns {set allow-remote-requests=yes; static add name=router.lan address=192.168.88.1 comment=defconf}');
    expect(body).toContain(':foreach k in=[/interface find where !(((slave = yes) || (name ~ "bridge")))] do={:local tmpPortName [/interface get $k name]; :if (!(($tmpPortName in $bMACIntf))) do={/interface/bridge/port add bridge=bridge interface=$tmpPortName comment=defconf}}');
    expect(body).toContain(':local arr {"a"=1;"b"={1;2};c=[:len "xyz"]}');
    expect(body).toContain('/system/script add name=x source={:put "hello"}');
    const elseBody = ifs.args[2];
    expect(elseBody?.kind === 'named' && show(elseBody.value)).toBe(
      '{/ip/pool {:local o [find name="default-dhcp" ranges=192.168.88.10-192.168.88.254]; :if (([:len $o] != 0)) do={remove $o}}}',
    );
  });
});
