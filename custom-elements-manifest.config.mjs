/**
 * Keeps what is not API out of the manifest: private members (`#name` fields and methods), and the
 * custom-element flag of base classes that define no tag. Sorts modules by path, so every checkout
 * generates the same file.
 */
function keepPublicApi() {
  return {
    name: 'keep-public-api',
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in file-system order, which differs between checkouts.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
        }
      }
    },
  };
}

/** Configuration of @custom-elements-manifest/analyzer: the elements' public API, read from src/. */
export default {
  globs: ['src/**/*.ts'],
  // internal/define.ts registers tags passed in as arguments; the analyzer would list one named "tagName".
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/internal/define.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [keepPublicApi()],
};
