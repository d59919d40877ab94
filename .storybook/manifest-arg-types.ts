import { getCustomElements, type ArgTypes } from '@storybook/web-components-vite';

/** The parts of a custom-elements.json (schema 2.x) class declaration that the docs table shows. */
interface ManifestItem {
  name: string;
  description?: string;
  summary?: string;
  type?: { text: string };
  default?: string;
}

interface ManifestMember extends ManifestItem {
  kind: 'field' | 'method';
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
}

interface ManifestDeclaration {
  tagName?: string;
  members?: ManifestMember[];
  attributes?: ManifestItem[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
  cssParts?: ManifestItem[];
  cssProperties?: ManifestItem[];
}

interface Manifest {
  modules?: { declarations?: ManifestDeclaration[] }[];
}

type ArgType = ArgTypes[string];

function findDeclaration(tagName: string): ManifestDeclaration | undefined {
  const manifest = getCustomElements() as Manifest | undefined;
  for (const module of manifest?.modules ?? []) {
    const declaration = module.declarations?.find((candidate) => candidate.tagName === tagName);
    if (declaration !== undefined) return declaration;
  }
  return undefined;
}

function row(item: ManifestItem, category: string, control: ArgType['control']): ArgType {
  const typeText = item.type?.text;
  return {
    name: item.name,
    description: item.description ?? item.summary ?? '',
    control,
    table: {
      category,
      ...(typeText === undefined ? {} : { type: { summary: typeText } }),
      ...(item.default === undefined ? {} : { defaultValue: { summary: item.default } }),
    },
  };
}

/** Chooses the control for an attribute from its declared type. Attribute values are strings, numbers or flags. */
function attributeControl(typeText: string | undefined): ArgType['control'] {
  if (typeText === undefined) return { type: 'text' };
  if (/\bnumber\b/.test(typeText)) return { type: 'number' };
  if (/\bboolean\b/.test(typeText)) return { type: 'boolean' };
  return { type: 'text' };
}

/**
 * Builds the docs table and the controls of an element from custom-elements.json.
 *
 * Storybook's own mapping (web-components renderer 10.6) keys every row by its bare name. So a slot
 * and a CSS part with the same name, such as `support` in two elements, collapse into one row. It
 * also offers a JSON editor for every type it does not know, such as `string | undefined`.
 *
 * Here each row without a control gets a key prefixed with its category. Attributes get text,
 * number or boolean controls and colour tokens get colour pickers. Properties, events, slots and
 * parts are documented without a control, because the stories set values through attributes and
 * CSS custom properties.
 */
export function argTypesFromManifest(tagName: string): ArgTypes | null {
  const declaration = findDeclaration(tagName);
  if (declaration === undefined) return null;

  const argTypes: ArgTypes = {};
  const publicFields = (declaration.members ?? []).filter(
    (member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public',
  );
  for (const field of publicFields) argTypes[`property:${field.name}`] = row(field, 'properties', false);
  for (const attribute of declaration.attributes ?? []) {
    argTypes[attribute.name] = row(attribute, 'attributes', attributeControl(attribute.type?.text));
  }
  for (const event of declaration.events ?? []) argTypes[`event:${event.name}`] = row(event, 'events', false);
  for (const slot of declaration.slots ?? []) argTypes[`slot:${slot.name}`] = row(slot, 'slots', false);
  for (const part of declaration.cssParts ?? []) argTypes[`part:${part.name}`] = row(part, 'css shadow parts', false);
  for (const property of declaration.cssProperties ?? []) {
    const control = property.name.includes('-color-') ? { type: 'color' as const } : { type: 'text' as const };
    argTypes[property.name] = row(property, 'css custom properties', control);
  }
  return argTypes;
}

/** Names of every event the manifest documents, for logging them in the Actions panel. */
export function eventNamesFromManifest(): string[] {
  const manifest = getCustomElements() as Manifest | undefined;
  const names = new Set<string>();
  for (const module of manifest?.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      for (const event of declaration.events ?? []) names.add(event.name);
    }
  }
  return [...names];
}
