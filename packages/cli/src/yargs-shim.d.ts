// Minimal typings for the part of yargs 17 the CLI uses (@types/yargs is not installed).
declare module 'yargs' {
  interface Argv {
    scriptName(name: string): Argv;
    usage(text: string): Argv;
    option(name: string, options: Record<string, unknown>): Argv;
    example(command: string, description: string): Argv;
    version(version: string | false): Argv;
    help(enable?: boolean | string): Argv;
    alias(key: string, alias: string): Argv;
    strictOptions(enabled?: boolean): Argv;
    exitProcess(enabled: boolean): Argv;
    fail(handler: (message: string | undefined, error: Error | undefined) => void): Argv;
    parserConfiguration(config: Record<string, boolean>): Argv;
    wrap(columns: number | null): Argv;
    showHelp(print?: (text: string) => void): Argv;
    parseSync(): Record<string, unknown>;
    parse(args: string[], context: object, callback: (err: Error | undefined, argv: Record<string, unknown>, output: string) => void): unknown;
  }
  function yargs(args?: readonly string[]): Argv;
  export default yargs;
}
