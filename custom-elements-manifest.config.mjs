/** Keeps private members (`#name` fields and methods) out of the manifest: they are not API. */
function dropPrivateMembers() {
  return {
    name: 'drop-private-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
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
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [dropPrivateMembers()],
};
