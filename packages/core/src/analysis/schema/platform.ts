/**
 * Names whose existence depends on the router's hardware, CPU architecture or installed packages.
 *
 * The schema is built from `/console/inspect` dumps of CHR (x86) with some extra packages, so a
 * name missing there — or missing from the older dumps only — says nothing about a real router:
 * real exports contain `/system routerboard settings` (every RouterBOARD), `/zerotier` (ARM/ARM64
 * package), `/ip cloud back-to-home-user` and `set back-to-home-vpn=` (Back To Home: not on x86),
 * and `/interface wireless` / `/caps-man` under 7.12 and older (the `wireless` package, which those
 * dumps lack; they list it from 7.13), `/interface ethernet set … poe-out=` (PoE hardware). The
 * schema rules say nothing about these names.
 */

/** Menus (canonical segments) that only some routers have; everything below them too. */
const PLATFORM_MENUS: readonly (readonly string[])[] = [
  ['system', 'routerboard'], ['system', 'lcd'], ['lcd'], ['system', 'gpio'], ['iot', 'gpio'],
  ['interface', 'ethernet', 'switch'], ['interface', 'ethernet', 'poe'], ['interface', 'w60g'],
  ['interface', 'wireless'], ['caps-man'], ['zerotier'], ['interface', 'lora'],
  ['rose-storage'], ['system', 'swos'],
];

/** Menu segments that only some routers have, wherever they appear (`back-to-home-file`, `-user`, `-users`). */
const PLATFORM_SEGMENT = /^back-to-home(-|$)/;

/** True when `path` (canonical or as written) is, or is below, a hardware/package-dependent menu. */
export function isPlatformMenu(path: readonly string[]): boolean {
  if (path.some((s) => PLATFORM_SEGMENT.test(s))) return true;
  return PLATFORM_MENUS.some((m) => m.length <= path.length && m.every((s, i) => path[i] === s));
}

/** Hardware properties of common menus, by menu: PoE ports (`poe-out=forced-on` in real exports). */
const PLATFORM_ARGS: ReadonlyMap<string, RegExp> = new Map([
  ['interface/ethernet', /^(poe-|power-cycle-)/],
]);

/** Properties of a common menu that only some routers have (`/ip cloud set back-to-home-vpn=`). */
export function isPlatformArg(path: readonly string[], arg: string): boolean {
  if (isPlatformMenu(path) || PLATFORM_SEGMENT.test(arg)) return true;
  return PLATFORM_ARGS.get(path.join('/'))?.test(arg) ?? false;
}
