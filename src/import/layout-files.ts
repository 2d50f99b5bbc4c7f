// The built-in layout files as texts, for the single executable, which has no layouts/ folder beside it.
// scripts/build-exe.mjs replaces this module: there the files are assets of the executable. Elsewhere there are
// none, and layout.ts reads layouts/ from disk.
export function embeddedLayouts(): { name: string; text: string }[] | undefined {
  return undefined;
}
