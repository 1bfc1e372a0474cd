import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export type Messages = { [key: string]: string | Messages };

/** Every message of a catalogue by its dotted key (`Layout.signIn`). */
export function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flatten(value, path)) flat.set(k, v);
  }
  return flat;
}

/** What a message is made of, beyond its words: arguments, tags, plural and select branches, and its literal text. */
export interface Shape {
  arguments: Set<string>;
  tags: Set<string>;
  /** Per plural argument: its exact branches (`=0`) and its category branches (`one`, `few`…). */
  plurals: Map<string, { exact: Set<string>; categories: Set<string> }>;
  selects: Map<string, Set<string>>;
  text: string;
}

export function shapeOf(message: string): Shape {
  const shape: Shape = { arguments: new Set(), tags: new Set(), plurals: new Map(), selects: new Map(), text: '' };
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) shape.text += element.value;
      else if (element.type === TYPE.tag) {
        shape.tags.add(element.value);
        walk(element.children);
      } else if (element.type === TYPE.plural) {
        shape.arguments.add(element.value);
        const keys = Object.keys(element.options);
        shape.plurals.set(element.value, {
          exact: new Set(keys.filter((k) => k.startsWith('='))),
          categories: new Set(keys.filter((k) => !k.startsWith('='))),
        });
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type === TYPE.select) {
        shape.arguments.add(element.value);
        shape.selects.set(element.value, new Set(Object.keys(element.options)));
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type !== TYPE.pound) shape.arguments.add(element.value);
    }
  };
  walk(parseMessage(message));
  return shape;
}

/** With rich-text tags; a message with a literal `<…>` that is no tag (a code sample) as plain text. */
function parseMessage(message: string): MessageFormatElement[] {
  try {
    return parse(message);
  } catch (error) {
    if ((error as Error).message !== 'UNCLOSED_TAG') throw error;
    return parse(message, { ignoreTag: true });
  }
}
