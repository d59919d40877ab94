/**
 * Module hooks that let the reference server, its tests and the support tool import the kit's
 * TypeScript sources (the offline key codes, the error codes, the access rule) instead of copies.
 *
 * Node 20 cannot run TypeScript, so `.ts` files under src/ are transpiled one by one with the
 * project's TypeScript compiler (type annotations removed, nothing else changed). A `.js` import
 * written inside such a file resolves to the `.ts` file beside it, as it does in the bundler.
 * Register these hooks with server/register-ts.js before importing any module that needs them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const sourceRoot = new URL('../src/', import.meta.url).href;

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent?.startsWith(sourceRoot) && parent.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.startsWith(sourceRoot) || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
