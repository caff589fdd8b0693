/**
 * The flat-line fast path (text → AST without tokens) must build exactly what the scanner + grammar
 * build: same tree, same comments, same diagnostics — on hand-picked edge cases of the scanner's
 * lexical rules, on every fixture, and on random lines and random mutations of real exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { flatLineHooks } from '../src/flatline.js';
import { Scanner } from '../src/lexer/scanner.js';
import { parserTestHooks } from '../src/parse.js';
import { both } from './helpers.js';
import { parse, type Statement } from '@roslint/parser';
import { generateExport } from './generate.js';

const root = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const fixtures = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.rsc'))
  .sort()
  .map((f) => readFileSync(root + f, 'latin1'));

function same(src: string | Uint8Array): void {
  const { fast, slow } = both(src);
  expect(fast.script).toEqual(slow.script);
  // toEqual ignores key order and undefined fields; the JSON must match too (formatters print it).
  expect(JSON.stringify(fast.script)).toBe(JSON.stringify(slow.script));
  expect(fast.diagnostics).toEqual(slow.diagnostics);
  // Streaming with `onFlatCommand`: the plain lines it takes, as statements, plus the ones it
  // declines and the rest (through `onStatement`), are the same statements in the same order.
  const streamed: Statement[] = [];
  let taken = 0;
  const flat = parse(src, {
    onFlatCommand: (cmd) => {
      if (taken++ % 3 === 2) return false;
      const stmt = cmd.toStatement();
      expect([cmd.start, cmd.end]).toEqual([stmt.start, stmt.end]);
      streamed.push(stmt);
      return true;
    },
    onStatement: (stmt) => void streamed.push(stmt),
  });
  expect(JSON.stringify(streamed)).toBe(JSON.stringify(slow.script.body));
  expect(flat.diagnostics).toEqual(slow.diagnostics);
}

describe('flat-line fast path ≡ scanner + grammar', () => {
  afterEach(() => { parserTestHooks.disableFastPath = false; flatLineHooks.disabled = false; });

  const edge = [
    'add a=b \\\r\n    c=d', 'add name=\\\r\n    value', 'add name=\\\n"str"', 'add x=! y', 'add x=!\\\n y', 'set 0 !a=b',
    'add "a"b', 'add a="x"b=c', 'add a=[find]x=y', 'set [\n find name=x ]', 'set [ #c\n find ]', 'set [ find ]\r',
    'add comment="\\D0\\9F\\D1\\80\\D0\\B8" x=1', 'add comment="\\FF\\FEa" x=1', 'add comment="a\\\r\n    b"',
    'add comment="a\\\n\\D0\\9F"', 'add comment="\\"q\\" \\\\ \\n\\_\\?"', 'add comment="$ x $"', 'add comment="$x"',
    'add comment="\\d0"', 'add comment="\\q"', 'add comment="open', 'add comment="x\\', 'add a=b=c', 'add to= 1',
    'add to= a=b', 'add delay= 5s', 'add comment= x', 'add x= ', '/ip/address/print', '/ip address print',
    '/ping 10.0.0.1 count=5', '/', '/interface ..', 'add x=1;add y=2; ;', ';;add x=1', '# c\nadd x=1\n# d',
    '\\\nadd x=1', 'add x=1 \\  \nadd y=2', 'add x=\\', 'add x=1 \\', 'add #x', ':put 1', 'add x=:y', 'set x/y',
    'find where name=x', 'print where', 'where x=1', 'add $x', 'add x=$y', 'add x=a$y', 'add x=a$', 'add x=$',
    'add x=(1)', 'add x={1}', 'add x=[[find]]', 'add x=[find;]', 'add x=[/ip]', 'add x=[:put]', 'add x=[]',
    'add x=[ ]', 'add x=[', 'add x=]', 'add ]', 'add )', 'add }', 'add !', '!x', '!!x', '!"x"', 'add x=!"s"',
    'add x=![find]', 'add x=!!y', '/system script add source="/log info 1" name=s', 'add on-event=x',
    'add on-event=[find]', 'add x=1\r\radd y=2', 'add x=1\rb', 'a\tb\tc=d', 'add x="a" y="b"c', 'add x="""',
    'add x=1]', 'set [find]x', 'set [find]"a"', 'set [find] [find]', 'add x=1 #y', 'add comment=#x',
    'add x=\\\r\n\\\r\n  y', 'add x=a\\b', 'add \\x', 'add x=1\u0000', 'add x=\u00e9\u4e2d', 'add x="\u00e9"',
    'if', 'add', 'set 0', 'remove [find comment="x"]', 'set [ find default-name=ether1 ] comment="port 1" l2mtu=1592',
  ];
  it.each(edge)('%j', (src) => same(src));

  it('every fixture and a generated export', () => {
    for (const t of fixtures) same(t);
    same(generateExport(200_000));
  });

  // Export-shaped lines built from pieces that hit the scanner's special cases.
  const piece = fc.constantFrom(
    'add', 'set', '/ip', 'firewall', 'address-list', ' ', ' ', ' ', '\t', '\\\r\n    ', '\\\n', '\r\n', '\n', ';', '=',
    'name=', 'comment=', 'source=', 'to=', 'x', 'a-b', '10.0.0.1/24', '"', '"a b"', '"\\D0\\9F"', '"\\"', '\\', '!',
    '[', ']', '[ find default-name=ether1 ]', '$', '$x', '(', '{', '#', ':', '/', 'where', '*1A', ',', '\r',
  );
  const line = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

  it('random export-shaped lines', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 6 }), (ls) => same(ls.join('\r\n'))), { numRuns: 1500 });
  });

  // Script-carrying properties: the flat path builds the decoded→source offset maps itself, and the
  // embedded script's spans and problems go through them (compared here via `embedded`).
  const scriptEdge = [
    'add name=s source=":put 1"', 'add name=s source=\\\r\n    ":put 1"', 'add source=""', 'add source="\\\r\n"',
    'add source="\\41\\42"', 'add source=":put \\D0\\9F x"', 'add source=":put a\\\r\n    b"',
    'add source=":put \\D0\\\r\n    \\9F"', 'add source=":put \\FF\\FE"', 'add on-event=":put 1" source="/log info \\"x\\""',
    'set [ find source=":put 1" ] disabled=no', 'add source=":if ("', 'add source=":put [find"', 'add source=":put \\$x"',
    'add source=":put $x"', 'add source=":put \\q"', 'add source="\\\r\n    :local a 1\\r\\\r\n    \\n:put \\$a"',
    'add source=":put \\"\\\\\\"" x=1', 'add source=":put 1"x', 'add source= ":put 1"',
  ];
  it.each(scriptEdge)('script string %j', (src) => same(src));

  // Random scripts: statements of a /system script source, escaped the way an export writes them.
  const scriptPiece = fc.constantFrom(
    ':local a 1', ':put $a', ':if ($a > 1) do={ :log info "x" }', '/ip address print', ':put [:len "ab"]', '# c',
    ':foreach i in={1;2} do={ :put $i }', ':put "\u00e9"', ':put (', '}', ':set a "q"', 'add x=y', ':put "a b"',
  );
  const escaped = (script: string) => script
    .replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$').replace(/\r/g, '\\r').replace(/\n/g, '\\n\\\r\n    ')
    .replace(/\u00e9/g, '\\C3\\A9');
  const scriptLine = fc.record({
    name: fc.constantFrom('source', 'on-event', 'comment'),
    body: fc.array(scriptPiece, { maxLength: 8 }).map((a) => a.join('\r\n')),
    before: fc.constantFrom('', '\\\r\n    ', ' '),
    wrap: fc.integer({ min: 0, max: 40 }),
  }).map(({ name, body, before, wrap }) => {
    let text = escaped(body);
    // A continuation inside the string, like an export's line wrap.
    if (wrap > 0 && wrap < text.length && text[wrap - 1] !== '\\') text = text.slice(0, wrap) + '\\\r\n    ' + text.slice(wrap);
    return `add name=s ${name}=${before}"${text}" policy=read`;
  });

  it('script-carrying strings take the flat path', () => {
    const src = 'add name=s source=\\\r\n    ":local a 1\\r\\\r\n    \\n:put \\$a"\r\nset [ find on-event="x" ] y=1';
    const scanner = new Scanner(src, [], []);
    for (let st = scanner.next(); st; st = scanner.next()) {
      expect(st.statement).toBeDefined();
      expect(st.hasScriptString).toBe(true);
    }
    same(src);
  });

  it('random script-carrying strings', () => {
    fc.assert(fc.property(fc.array(scriptLine, { minLength: 1, maxLength: 3 }), (ls) => same(ls.join('\r\n'))), { numRuns: 800 });
  });

  it('random mutations of fixtures', () => {
    const insert = fc.constantFrom('"', '\\', '[', ']', '=', '!', ' ', '\r\n', '\\\r\n', '$', '#', ';', '{', '\\D0', '/', ':');
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete'), text: insert, len: fc.nat(6) });
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 5 }), (i, ms) => {
        let src = fixtures[i % fixtures.length]!;
        for (const m of ms) {
          const at = m.at % (src.length + 1);
          src = m.kind === 'insert' ? src.slice(0, at) + m.text + src.slice(at) : src.slice(0, at) + src.slice(at + m.len);
        }
        same(src);
      }),
      { numRuns: 400 },
    );
  });
});
