/**
 * Script variables, tracked only as far as the model needs: which names exist, and which hold the
 * result of a `[find …]` (so `:local o [find name=x]; remove $o` can be applied, uncertainly).
 * Scripts are never executed; every value read from a variable is dynamic.
 */
import type { CommandStatement } from '@roslint/parser';

export interface FindBinding {
  /** The `find` command whose result the variable holds. */
  find: CommandStatement;
  /** Canonical menu the `find` ran in. */
  menu: string;
}

export type Binding = { find?: FindBinding };

export class VarScope {
  private readonly vars = new Map<string, Binding>();
  constructor(readonly parent: VarScope | null = null) {}

  child(): VarScope {
    return new VarScope(this);
  }

  declare(name: string, binding: Binding): void {
    this.vars.set(name, binding);
  }

  /** `:set name value`: rebinding an existing variable wherever it was declared. */
  assign(name: string, binding: Binding): void {
    for (let s: VarScope | null = this; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, binding);
        return;
      }
    }
    this.root().vars.set(name, binding);
  }

  lookup(name: string): Binding | undefined {
    for (let s: VarScope | null = this; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }

  private root(): VarScope {
    let s: VarScope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}
