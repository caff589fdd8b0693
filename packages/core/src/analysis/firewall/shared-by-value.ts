/**
 * Results that depend only on a matcher's name, its value's text and a small variant number
 * (family, `!`, …), shared across rules and configs: matcher values repeat (a generated
 * 1,000-router network has 57 distinct values in 115,000 matchers). Looked up by name, then by
 * text — no key string is built, and the model shares value strings, whose hashes V8 keeps.
 * Bounded: past `max` results the cache starts over, so a pathological input cannot grow it.
 */
export class SharedByValue<T> {
  private readonly byName = new Map<string, Map<string, T[]>>();
  private count = 0;

  constructor(private readonly max: number) {}

  /** The result for (`name`, `text`, `variant`), made by `make` the first time. */
  get(name: string, text: string, variant: number, make: () => T): T {
    let byText = this.byName.get(name);
    if (byText === undefined) this.byName.set(name, (byText = new Map()));
    let variants = byText.get(text);
    if (variants === undefined) byText.set(text, (variants = []));
    // `in`, not `!== undefined`: a result may itself be undefined.
    if (variant in variants) return variants[variant]!;
    if (this.count >= this.max) {
      this.byName.clear();
      this.count = 0;
      return this.get(name, text, variant, make);
    }
    this.count++;
    return (variants[variant] = make());
  }
}
