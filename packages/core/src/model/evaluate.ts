/**
 * AST → RouterConfig: walks the statements once, tracking the current menu, and applies item
 * commands to the store (see item-commands.ts). Script commands (`:if`, `:local`, loops, functions)
 * are not executed: their code blocks are walked with everything they touch marked uncertain, and
 * variables are tracked only to know that what they hold is dynamic.
 */
import type { Arg, Comment, CommandStatement, Diagnostic, Expr, FlatCommand, ParseResult, SourceText, Span, Statement } from '@roslint/parser';
import type { CommandRecord, Item, Menu, RouterConfig } from './types.js';
import { resolveArgName, resolveCommandName } from '@roslint/schema';
import { ModelStore } from './store.js';
import { LoggedCommand, LogArena } from './command-log.js';
import { resolveMenu, type ResolvedMenu } from './menu-path.js';
import { VarScope } from './scope.js';
import { detectHeader, parseVersion } from './header.js';
import {
  ADD_CONTROL_ARGS,
  addItem,
  addLoggedItem,
  memoLayout,
  commentItems,
  moveItems,
  removeItems,
  setDisabled,
  setItems,
  unsetItems,
  type ItemCommandContext,
} from './item-commands.js';
import type { PropLayout } from './logged-item.js';

export interface BuildOptions {
  /** File path used in diagnostics. */
  file: string;
  /** `--routeros-version` / config `routerosVersion`; the export header wins only when this is unset. */
  routerosVersion?: string;
}

export interface BuildResult {
  config: RouterConfig;
  /** Model-level diagnostics (e.g. `model/unknown-item` for `set` of an item that does not exist). */
  diagnostics: Diagnostic[];
}

/** Where evaluation stands: the current menu, whether this code surely runs, variables in scope. */
interface WalkContext {
  menu: string[];
  uncertain: boolean;
  scope: VarScope;
  depth: number;
}

/**
 * Script-language commands that may appear without `:` (RouterOS's own defconf writes a bare
 * `if (…) do={…}`). Menu verbs like `set`/`find` are deliberately absent: without `:` they are menu
 * commands.
 */
const BARE_SCRIPT_COMMANDS = new Set(['if', 'for', 'foreach', 'while', 'do', 'onerror', 'retry', 'local', 'global', 'put', 'delay', 'log', 'return', 'error', 'quit']);

const MAX_DEPTH = 400;

/** Per resolved menu: see `Evaluator.memoOf`. */
interface MenuMemo {
  findMenu: (find: CommandStatement) => string;
  isListMenu: () => boolean;
  argNamers: Map<string, (word: string) => string>;
  /** Per verb: property layouts by argument-name list (see item-commands.ts `layoutOf`). */
  layouts: Map<string, Map<readonly (string | null)[], PropLayout>>;
}

/**
 * False for the values that make up most of an export — words, variables and strings without
 * interpolation — which run nothing: `expr` can skip them without building a context.
 */
function runsSomething(e: Expr): boolean {
  if (e.kind === 'word' || e.kind === 'variable') return false;
  if (e.kind !== 'string') return true;
  for (const p of e.parts) if (p.kind !== 'text') return true;
  return false;
}

/** Most names one memo table keeps (the words of odd files must not grow it without end). */
const TABLE_LIMIT = 4096;

/** A memo table's value for `key`, computed once; a schema failure keeps the name as written. */
function lookup(table: Map<string, string>, key: string, compute: () => string): string {
  let v = table.get(key);
  if (v === undefined) {
    try {
      v = compute();
    } catch {
      v = key;
    }
    if (table.size < TABLE_LIMIT) table.set(key, v);
  }
  return v;
}

/**
 * Schema name look-ups by RouterOS version (`''` for none), then by table: shared by every file the
 * process reads, so a network's routers resolve `add`'s argument names once, not once each. Tables
 * exist only for menus the schema knows, so their number is bounded by the schema.
 */
const NAME_CACHES = new Map<string, Map<string, Map<string, string>>>();

/** The verbs the evaluator gives meaning to; anything else is looked up as an abbreviation. */
const ITEM_VERBS = new Set(['add', 'set', 'remove', 'enable', 'disable', 'unset', 'move', 'comment', 'print', 'find', 'get', 'export', 'edit', 'reset']);

class Evaluator {
  readonly store = new ModelStore();
  readonly commands: CommandRecord[] = [];
  private readonly arena: LogArena;
  private readonly nameCache: Map<string, Map<string, string>>;
  /** Some command carried a `private-key` argument. */
  sawPrivateKey = false;
  /** The argument names `log` checked last for a `private-key`. */
  private lastNames: readonly (string | null)[] | null = null;
  private lastMenu: { segments: string[]; resolved: ResolvedMenu } | null = null;
  /**
   * What the last flat `add` found for its menu and verb as written (`flatCommand`): an export's
   * adds come in long runs under one menu, so these look-ups are done once per run.
   */
  private lastAdds: {
    resolved: ResolvedMenu;
    word: string;
    layouts: Map<readonly (string | null)[], PropLayout>;
    argName: (word: string) => string;
  } | null = null;
  private readonly menuMemos = new WeakMap<ResolvedMenu, MenuMemo>();

  /** The top level's context: the current menu carries over from one statement to the next. */
  private readonly top: WalkContext = { menu: [], uncertain: false, scope: new VarScope(), depth: 0 };

  constructor(
    private readonly source: SourceText,
    private readonly version: string | undefined,
  ) {
    this.arena = new LogArena(source.text);
    const key = version ?? '';
    let caches = NAME_CACHES.get(key);
    if (!caches) {
      caches = new Map();
      // Versions come from files' headers: keep a bounded number of them.
      if (NAME_CACHES.size < 32) NAME_CACHES.set(key, caches);
    }
    this.nameCache = caches;
  }

  /** Evaluate the next top-level statement. */
  topStatement(stmt: Statement): void {
    try {
      this.statement(stmt, this.top);
    } catch {
      // One statement the evaluator cannot handle must not cost the rest of the file.
    }
  }

  /**
   * A flat top-level `verb name=value …` line (see the parser's flatcommand.ts), taken without its
   * AST when it is a plain `add` (no steering argument): the bulk of an export. Does exactly what
   * `statement` does with its statement; false (nothing done yet but memoisation) hands the line
   * back to be evaluated as a statement.
   */
  flatCommand(cmd: FlatCommand): boolean {
    const ctx = this.top;
    try {
      const resolved = this.resolve(ctx.menu, null);
      let adds = this.lastAdds;
      if (adds === null || adds.resolved !== resolved || adds.word !== cmd.verb) {
        // Without `:`, `/` or a path, a script command is a bare one (`log`, `put`…): not an `add`.
        if (BARE_SCRIPT_COMMANDS.has(cmd.verb)) return false;
        if (this.verbName(resolved, cmd.verb) !== 'add') return false;
        const memo = this.memoOf(resolved);
        adds = { resolved, word: cmd.verb, layouts: this.layoutsOf(memo, 'add'), argName: this.argNamer(resolved, memo, 'add') };
        this.lastAdds = adds;
      }
      const argNames = this.arena.namesOfFlat(cmd);
      const layout = memoLayout(adds.layouts, argNames, adds.argName, ADD_CONTROL_ARGS);
      if (layout.steered) return false;
      const logged = this.log(LoggedCommand.ofFlat(resolved, cmd, argNames, ctx.uncertain, this.arena));
      addLoggedItem(this.store, logged, layout, ctx.uncertain);
    } catch {
      // As `topStatement`: one line the evaluator cannot handle must not cost the rest of the file.
    }
    return true;
  }

  private walk(body: readonly Statement[], ctx: WalkContext): void {
    if (ctx.depth > MAX_DEPTH) return;
    for (const stmt of body) this.statement(stmt, ctx);
  }

  private statement(stmt: Statement, ctx: WalkContext): void {
    switch (stmt.kind) {
      case 'command':
        this.command(stmt, ctx);
        return;
      case 'pathBlock': {
        const resolved = resolveMenu(ctx.menu, stmt.path, this.version);
        this.record(stmt, null, resolved, ctx, []);
        this.walk(stmt.body, { menu: resolved.segments, uncertain: ctx.uncertain, scope: ctx.scope.child(), depth: ctx.depth + 1 });
        return;
      }
      case 'blockStatement':
        // A bare `{ … }` runs unconditionally, in its own variable scope; menu changes stay inside.
        this.walk(stmt.body, { menu: [...ctx.menu], uncertain: ctx.uncertain, scope: ctx.scope.child(), depth: ctx.depth + 1 });
        return;
      default:
        return;
    }
  }

  private isScriptCommand(stmt: CommandStatement): boolean {
    if (stmt.command === null) return false;
    return stmt.colon || (stmt.path === null && BARE_SCRIPT_COMMANDS.has(stmt.command.name));
  }

  private command(stmt: CommandStatement, ctx: WalkContext): void {
    if (stmt.callee !== null || this.isScriptCommand(stmt)) {
      this.scriptCommand(stmt, ctx);
      return;
    }
    const resolved = this.resolve(ctx.menu, stmt.path);
    // The command log keeps the verb as written (schema checks judge abbreviations); the model
    // acts on the full verb.
    const logged = this.record(stmt, stmt.command?.name ?? null, resolved, ctx, stmt.args);
    const verb = stmt.command ? this.verbName(resolved, stmt.command.name) : null;
    if (verb === null) {
      // A path-only line changes the current menu for the lines that follow.
      if (stmt.path !== null && stmt.args.length === 0) ctx.menu = resolved.segments;
      return;
    }
    // `[ … ]` inside the arguments run first, in this command's menu.
    let inner: WalkContext | undefined;
    for (const arg of stmt.args) {
      if (arg.kind === 'unset' || arg.value === null || !runsSomething(arg.value)) continue;
      inner ??= { ...ctx, menu: resolved.segments };
      this.expr(arg.value, inner, false);
    }
    this.itemCommand(stmt, verb, resolved, ctx, logged);
  }

  /**
   * Resolve a command's menu. Consecutive commands without a path of their own share the current
   * menu's resolution (exports are long runs of `add` under one path line).
   */
  private resolve(current: string[], path: CommandStatement['path']): ResolvedMenu {
    if (path === null && this.lastMenu !== null && this.lastMenu.segments === current) return this.lastMenu.resolved;
    const resolved = resolveMenu(current, path, this.version);
    if (path === null) this.lastMenu = { segments: current, resolved };
    return resolved;
  }

  private itemCommand(
    stmt: CommandStatement,
    verb: string,
    resolved: ResolvedMenu,
    ctx: WalkContext,
    logged: LoggedCommand,
  ): void {
    const memo = this.memoOf(resolved);
    const layouts = this.layoutsOf(memo, verb);
    const ictx: ItemCommandContext = {
      logged,
      layouts,
      store: this.store,
      source: this.source,
      menu: resolved.path,
      statementSpan: logged.span,
      scope: ctx.scope,
      stmt,
      uncertain: ctx.uncertain,
      findMenu: memo.findMenu,
      argName: this.argNamer(resolved, memo, verb),
      isListMenu: memo.isListMenu,
    };
    switch (verb) {
      case 'add':
        addItem(ictx);
        return;
      case 'set':
        setItems(ictx);
        return;
      case 'remove':
        removeItems(ictx);
        return;
      case 'enable':
        setDisabled(ictx, false);
        return;
      case 'disable':
        setDisabled(ictx, true);
        return;
      case 'unset':
        unsetItems(ictx);
        return;
      case 'move':
        moveItems(ictx);
        return;
      case 'comment':
        commentItems(ictx);
        return;
      default:
        // print, find, get, export, edit, reset, … leave the configuration as it is.
        return;
    }
  }

  /**
   * What commands of one resolved menu share: exports run hundreds of thousands of commands under
   * one resolution (see `resolve`), so per-command closures and name tables are built once per menu.
   */
  private memoOf(menu: ResolvedMenu): MenuMemo {
    let memo = this.menuMemos.get(menu);
    if (!memo) {
      let list: boolean | undefined;
      memo = {
        findMenu: (find) => resolveMenu(menu.segments, find.path, this.version).path,
        // The schema says `set` here takes item numbers: the menu holds a list, not one settings item.
        isListMenu: () => (list ??= menu.known && this.cached('l', menu.path, () => (resolveArgName(menu.segments, 'set', 'numbers', this.version) === 'numbers' ? 'y' : 'n')) === 'y'),
        argNamers: new Map(),
        layouts: new Map(),
      };
      this.menuMemos.set(menu, memo);
    }
    return memo;
  }

  private layoutsOf(memo: MenuMemo, verb: string): Map<readonly (string | null)[], PropLayout> {
    let layouts = memo.layouts.get(verb);
    if (layouts === undefined) memo.layouts.set(verb, (layouts = new Map()));
    return layouts;
  }

  /** Full verb for an abbreviation the schema can expand (`rem` → `remove`); else as written. */
  private verbName(menu: ResolvedMenu, word: string): string {
    if (ITEM_VERBS.has(word) || !menu.known) return word;
    return this.cached('c' + menu.path, word, () => resolveCommandName(menu.segments, word, this.version) ?? word);
  }

  /** Canonical property names (`addr` → `address`) when the schema knows the command; else as written. */
  private argNamer(menu: ResolvedMenu, memo: MenuMemo, verb: string): (word: string) => string {
    let namer = memo.argNamers.get(verb);
    if (namer) return namer;
    if (!menu.known) namer = (word) => word;
    else {
      const table = this.table('a' + menu.path + ' ' + verb);
      namer = (word) => (word.includes('.') ? word : lookup(table, word, () => resolveArgName(menu.segments, verb, word, this.version) ?? word));
    }
    memo.argNamers.set(verb, namer);
    return namer;
  }

  /** Schema look-ups memoised per (table, key): exports repeat the same names many times. */
  private cached(table: string, key: string, compute: () => string): string {
    return lookup(this.table(table), key, compute);
  }

  private table(name: string): Map<string, string> {
    let t = this.nameCache.get(name);
    if (!t) {
      t = new Map<string, string>();
      this.nameCache.set(name, t);
    }
    return t;
  }

  /**
   * `:local`/`:global`/`:set` (variables), control flow, `:put`, function calls. Their `[ … ]`
   * arguments run now; their code blocks run uncertainly (they may not run, or run many times).
   */
  private scriptCommand(stmt: CommandStatement, ctx: WalkContext): void {
    const name = stmt.command?.name ?? null;
    if (name === 'local' || name === 'global' || (name === 'set' && stmt.colon)) this.variable(stmt, name, ctx);
    for (const arg of stmt.args) if (arg.kind !== 'unset') this.expr(arg.value, ctx, true);
  }

  private variable(stmt: CommandStatement, kind: string, ctx: WalkContext): void {
    const pos = stmt.args.filter((a): a is Extract<Arg, { kind: 'positional' }> => a.kind === 'positional');
    const first = pos[0];
    if (!first) return;
    const varName = first.value.kind === 'word' ? first.value.text : first.value.kind === 'string' ? first.value.value : null;
    if (varName === null) return;
    const value = pos[1]?.value;
    let binding = {};
    if (value && value.kind === 'substitution' && value.command?.command?.name === 'find' && value.command.callee === null) {
      const menu = resolveMenu(ctx.menu, value.command.path, this.version).path;
      binding = { find: { find: value.command, menu } };
    }
    if (kind === 'set') ctx.scope.assign(varName, binding);
    else if (kind === 'global') ctx.scope.assign(varName, binding);
    else ctx.scope.declare(varName, binding);
  }

  /**
   * Walk an expression for what it runs: `[ … ]` commands (in `ctx`'s menu) and, when `runBlocks`,
   * code blocks (uncertainly). Blocks in a menu command's arguments are stored scripts, not run.
   */
  private expr(e: Expr | null, ctx: WalkContext, runBlocks: boolean): void {
    if (e === null || ctx.depth > MAX_DEPTH || !runsSomething(e)) return;
    const deeper = { ...ctx, depth: ctx.depth + 1 };
    switch (e.kind) {
      case 'substitution':
        // The sub-command inherits the menu; a path-only line inside `[ ]` does not move the caller.
        if (e.command) this.command(e.command, { ...deeper, menu: [...ctx.menu] });
        return;
      case 'block':
        if (runBlocks) this.walk(e.body, { menu: [...ctx.menu], uncertain: true, scope: ctx.scope.child(), depth: ctx.depth + 1 });
        return;
      case 'string':
        for (const p of e.parts) if (p.kind === 'interpolation') this.expr(p.expr, deeper, runBlocks);
        return;
      case 'paren':
        this.expr(e.expr, deeper, runBlocks);
        return;
      case 'binary':
        this.expr(e.left, deeper, runBlocks);
        this.expr(e.right, deeper, runBlocks);
        return;
      case 'unary':
        this.expr(e.operand, deeper, runBlocks);
        return;
      case 'concat':
        for (const p of e.parts) this.expr(p, deeper, runBlocks);
        return;
      case 'array':
        for (const en of e.entries) {
          this.expr(en.key, deeper, runBlocks);
          this.expr(en.value, deeper, runBlocks);
        }
        return;
      case 'where':
        this.expr(e.condition, deeper, runBlocks);
        return;
      default:
        return;
    }
  }

  private record(
    node: { start: number; end: number },
    verb: string | null,
    resolved: ResolvedMenu,
    ctx: WalkContext,
    args: readonly Arg[],
  ): LoggedCommand {
    const stmt = node as Partial<CommandStatement>;
    return this.log(LoggedCommand.of(resolved, verb, stmt.command ?? undefined, args, node.start, node.end, ctx.uncertain, this.arena));
  }

  private log(rec: LoggedCommand): LoggedCommand {
    // Records share their name lists: a run of commands naming the same arguments is checked once.
    if (!this.sawPrivateKey && rec.argNames !== this.lastNames) {
      this.lastNames = rec.argNames;
      if (rec.argNames.includes('private-key')) this.sawPrivateKey = true;
    }
    this.commands.push(rec);
    return rec;
  }
}

/**
 * Builds a RouterConfig from top-level statements handed over one at a time (in file order), so a
 * caller can parse and evaluate in one stream and let each statement's AST die young
 * (`parse(text, { onStatement })`). The export header must be known before the first statement:
 * it is read from the comments seen so far, which by then include every comment above it.
 */
export class ConfigBuilder {
  private evaluator: Evaluator | null = null;
  private info: ReturnType<typeof detectHeader> = {};
  private version: RouterConfig['version'];

  constructor(
    private readonly source: SourceText,
    private readonly options: BuildOptions,
  ) {}

  statement(stmt: Statement, comments: readonly Comment[]): void {
    (this.evaluator ??= this.start(comments, stmt.start)).topStatement(stmt);
  }

  /**
   * A flat line instead of its statement (`ParseOptions.onFlatCommand`); false: not taken, hand
   * its statement to `statement`.
   */
  flatCommand(cmd: FlatCommand, comments: readonly Comment[]): boolean {
    return (this.evaluator ??= this.start(comments, cmd.start)).flatCommand(cmd);
  }

  /** `comments`: every comment of the file. */
  finish(comments: Comment[]): BuildResult {
    const evaluator = (this.evaluator ??= this.start(comments, Number.POSITIVE_INFINITY));
    const store = evaluator.store;
    const config: RouterConfig = {
      file: this.options.file,
      source: this.source,
      comments,
      isExport: this.info.header !== undefined,
      showsSensitive: evaluator.sawPrivateKey,
      menus: store.menus,
      commands: evaluator.commands,
      items: (m: string): Item[] => store.items(m),
      singleton: (m: string): Item | undefined => {
        const s = store.singleton(m);
        return s && !s.removed ? s : undefined;
      },
    };
    if (this.info.header) config.header = this.info.header;
    if (this.version) config.version = this.version;
    return { config, diagnostics: [] };
  }

  private start(comments: readonly Comment[], firstStatement: number): Evaluator {
    try {
      this.info = detectHeader(comments, this.source, firstStatement);
    } catch {
      this.info = {};
    }
    const optionVersion = this.options.routerosVersion ? parseVersion(this.options.routerosVersion, 'option') : undefined;
    this.version = optionVersion ?? this.info.version;
    return new Evaluator(this.source, this.version?.text);
  }
}

/** A config with no items: what a file the model could not be built from stands for. */
export function emptyConfig(file: string, source: SourceText, comments: Comment[] = []): RouterConfig {
  const menus = new Map<string, Menu>();
  return {
    file,
    source,
    comments,
    isExport: false,
    showsSensitive: false,
    menus,
    commands: [],
    items: (m: string): Item[] => menus.get(m)?.items ?? [],
    singleton: (m: string): Item | undefined => menus.get(m)?.items[0],
  };
}

/** The whole parsed script at once (editor features and tests keep the AST). */
export function buildConfig(parsed: ParseResult, options: BuildOptions): BuildResult {
  const builder = new ConfigBuilder(parsed.source, options);
  const comments = parsed.script.comments;
  for (const stmt of parsed.script.body) builder.statement(stmt, comments);
  return builder.finish(comments);
}
