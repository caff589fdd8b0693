/**
 * Word lists the parser needs to split a command line into path, command and arguments.
 *
 * KNOWN_COMMANDS: every command name in the RouterOS console schema (7.9–7.24 `/console/inspect`
 * dumps in ../../shared/routeros-schema) that is never also a menu name, plus a few commands the dumps
 * miss (`wg-import`, `traceroute`, …). Words that are also a menu somewhere are left out (`range`,
 * and `info`, `ping`, `ssh`, `sync`, `update`, `upgrade`: `/ip ssh`, `/system upgrade` are menus);
 * followed by arguments they are still read as the command (`/tool mac-server ping 00:11:…`).
 */
export const KNOWN_COMMANDS: ReadonlySet<string> = new Set([
  "acme-renew", "activate-user-profile", "add", "add-acme", "add-batch-users", "add-device", "add-scep",
  "ask", "balance-cancel", "balance-start", "bandwidth-test", "beep", "blink", "break", "cable-test",
  "cancel", "card-reinstall", "card-verify", "check", "check-for-updates", "cleanup", "clear",
  "clear-history", "close-session", "comment", "connect", "continue", "convert", "copy",
  "create-certificate-request", "cuu", "debug", "decode-ad", "defaults", "delay", "deserialize", "disable",
  "disconnect", "discourse", "do", "downgrade", "download", "dump-dot", "dump-saved-advertisements", "edit",
  "eject", "eject-drive", "el", "enable", "enable-ssl-certificate", "error", "execute", "exit", "export",
  "export-certificate", "export-db", "fetch", "filter-wizard", "find", "flush", "for", "foreach", "format",
  "format-drive", "generate", "generate-report", "generate-voucher", "get", "global", "grant", "grep",
  "hw-info", "if", "import", "import-db", "inkey", "inspect", "install", "issued-revoke", "jobname",
  "kill", "len", "load", "local", "lock", "mac-ping", "mac-telnet", "make-static", "migrate-legacy-db",
  "monitor", "monitor-data", "monitor-traffic", "move", "next", "nothing", "nvme-discover", "onerror",
  "optimize-db", "parse", "password", "pick", "possible-channels", "print", "provision", "publish",
  "put", "quick", "quit", "raid-scrub", "raid-scrub-cancel", "read", "read-holding-registers", "reboot",
  "recursive-print", "redo", "refresh", "reinstall-fib", "release", "release-all", "remove", "remove-device",
  "renew", "renew-all", "reoptimize", "repair", "replace-cancel", "replace-device", "repull",
  "reselect-channel", "resend", "reset", "reset-configuration", "reset-counters", "reset-counters-all",
  "reset-devices", "reset-mac-address", "reset-servers", "reset-tr069-config", "resolve", "restart", "retry",
  "return", "rndnum", "rndstr", "rpki-check", "rpki-query", "run", "save", "scan", "scep-renew",
  "scrub-cancel", "scrub-start", "scsi-scan", "send", "send-trap", "serialize", "set", "set-identity",
  "setup", "shell", "show-client-config", "shutdown", "sign", "sign-certificate-request", "smart-info",
  "sniff", "start", "stop", "style", "subscribe", "take", "telnet", "terminate", "test",
  "test-as-path-regexp", "time", "timestamp", "toarray", "tobool", "tocrlf", "toggle", "toid", "toip",
  "toip6", "tolf", "tonsec", "tonum", "torch", "tostr", "totime", "traceroute", "transceive", "trim",
  "typeof", "undo", "uninstall", "unroll", "unset", "unsubscribe", "vacuum-db",
  "warning", "wg-export", "wg-import", "while", "write", "write-no-resp",
]);

/**
 * Global (`:`) commands that may also be written without the colon as the first word of a line
 * (`if (…) do={…}` in RouterOS's own defconf). Only recognised in first position of a relative line,
 * so `/log print` still means menu `log`.
 */
export const SCRIPT_COMMANDS: ReadonlySet<string> = new Set([
  'if', 'for', 'foreach', 'while', 'do', 'local', 'global', 'set', 'put', 'return', 'error', 'delay', 'log',
  'onerror', 'retry', 'quit', 'parse', 'execute', 'len', 'pick', 'find', 'typeof', 'tostr', 'tonum', 'toip',
  'toip6', 'toid', 'tobool', 'toarray', 'totime', 'tonsec', 'resolve', 'time', 'timestamp', 'beep', 'environment',
  'jobname', 'nothing', 'serialize', 'deserialize', 'convert', 'rndnum', 'rndstr', 'grep', 'range', 'terminal',
]);

/** Named arguments whose `{ … }` value is a code block, not an array literal. */
export const BLOCK_ARGS: ReadonlySet<string> = new Set([
  'do', 'else', 'on-error', 'in', 'command', 'while',
]);

/** Properties whose string value is itself a script; the parser parses it as `StringExpr.embedded`. */
export const SCRIPT_PROPERTIES: ReadonlySet<string> = new Set([
  'source', 'on-event', 'on-up', 'on-down', 'lease-script', 'up-script', 'down-script', 'test-script',
  'on-login', 'on-logout', 'startup-script', 'on-change', 'on-start', 'on-stop', 'script',
]);

/** Loop/flow keywords documented to accept whitespace after `=` (`:for i from= 1 to= 2`). */
export const SPACED_VALUE_ARGS: ReadonlySet<string> = new Set([
  'from', 'to', 'step', 'in', 'do', 'else', 'while', 'on-error', 'command', 'delay', 'max',
]);

/**
 * Colon commands whose positional `{ … }` is an array literal (`:local a {1;2}`), as opposed to
 * `:do { … }` / `:onerror e { … }` / `/ip firewall { … }` where it is code.
 */
export const VALUE_COMMANDS: ReadonlySet<string> = new Set([
  'local', 'global', 'set', 'put', 'return', 'len', 'pick', 'find', 'typeof', 'toarray', 'tostr', 'serialize',
  'error', 'log', 'tonum', 'tobool', 'toip', 'toip6', 'toid', 'totime', 'tonsec', 'convert', 'grep',
]);
