import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An XML element with its attributes, child elements and its own (trimmed) text. */
export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  text: string;
}

export type ParsedXml = { ok: true; root: XmlElement } | { ok: false; error: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type OrderedNode = Record<string, unknown>;

function toElement(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name.startsWith('?') || name === '#text') return undefined;
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  const content = (node[name] ?? []) as OrderedNode[];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of content) {
    if ('#text' in child) {
      text += String(child['#text']);
      continue;
    }
    const element = toElement(child);
    if (element) children.push(element);
  }
  return { name, attrs, children, text: text.trim() };
}

/** Validates and parses an XML document that must have exactly one root element. */
export function parseXml(source: string): ParsedXml {
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    return { ok: false, error: `line ${valid.err.line}, col ${valid.err.col}: ${valid.err.msg}` };
  }
  const nodes = parser.parse(source) as OrderedNode[];
  const roots = nodes.map(toElement).filter((element): element is XmlElement => element !== undefined);
  const [root] = roots;
  if (root === undefined) return { ok: false, error: 'no root element' };
  if (roots.length > 1) return { ok: false, error: `${roots.length} root elements, expected one` };
  return { ok: true, root };
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text;
}

/** Every element of the tree, the given one first. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}
